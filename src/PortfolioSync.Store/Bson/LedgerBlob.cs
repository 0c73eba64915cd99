using System.Buffers.Binary;
using System.Text;
using NodaTime;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Ledger;

namespace PortfolioSync.Store.Bson;

/// <summary>
/// The body of a ledger document (schema 4; format 2 since schema 8): everything of a <see cref="LedgerEntry"/> except its id and instant, in
/// one binary value. LiteDB spends most of a whole-ledger read building a dictionary entry, a name string and a value
/// per field; three fields instead of nine (plus arrays) read a million entries about 1.5 s faster (docs/store.md).
/// <para>Layout, little-endian, format byte first:</para>
/// <code>
/// 2                              format (1: written before schema 8, without the quote)
/// str account  str kind          kind by enum name, never by number
/// u8 n, n × (str asset, dec q)   legs
/// u8 0 | u8 1, str asset, dec a  fee
/// i64 xid                        external id
/// u8 0 | u8 1, i64 order         order id
/// str source                     raw record key
/// u8 0 | u8 1, str asset         quote (format 2 only; format 1 reads as none)
/// </code>
/// <c>str</c> is a one-byte length and UTF-8 (longer text is refused on write); <c>dec</c> the 16 bytes of
/// <see cref="decimal.GetBits(decimal)"/>, so value and scale survive exactly.
/// </summary>
internal static class LedgerBlob
{
    /// <summary>The format written: 2 (1 plus the quote, schema 8).</summary>
    public const byte Format = 2;

    /// <summary>The format before schema 8: no quote. Still read.</summary>
    public const byte FormatWithoutQuote = 1;

    public static byte[] Encode(LedgerEntry e)
    {
        var size = 1 + Str(e.Account) + Str(e.Kind.ToString()) + 1 + 1 + 8 + 1 + (e.OrderId is null ? 0 : 8) + Str(e.SourceKey)
                   + 1 + (e.Quote is { } q0 ? Str(q0.Code) : 0);
        if (e.Legs.Count > byte.MaxValue) throw new ArgumentException($"entry '{e.Id}' has {e.Legs.Count} legs; at most 255 can be stored");
        foreach (var leg in e.Legs) size += Str(leg.Asset.Code) + 16;
        if (e.Fee is { } f0) size += Str(f0.Asset.Code) + 16;

        var buffer = new byte[size];
        var w = new Writer(buffer);
        w.Byte(Format);
        w.String(e.Account);
        w.String(e.Kind.ToString());
        w.Byte((byte)e.Legs.Count);
        foreach (var leg in e.Legs)
        {
            w.String(leg.Asset.Code);
            w.Decimal(leg.Quantity);
        }
        if (e.Fee is { } fee)
        {
            w.Byte(1);
            w.String(fee.Asset.Code);
            w.Decimal(fee.Amount);
        }
        else w.Byte(0);
        w.Long(e.ExternalId);
        if (e.OrderId is { } order)
        {
            w.Byte(1);
            w.Long(order);
        }
        else w.Byte(0);
        w.String(e.SourceKey);
        if (e.Quote is { } quote)
        {
            w.Byte(1);
            w.String(quote.Code);
        }
        else w.Byte(0);
        return w.Position == size ? buffer : throw new InvalidOperationException("ledger blob size mismatch");
    }

    public static LedgerEntry Decode(string id, Instant at, ReadOnlySpan<byte> blob, LedgerBson.ReadCache? names)
    {
        var r = new Reader(blob, id);
        var format = r.Byte();
        if (format is not (Format or FormatWithoutQuote))
            throw new FormatException($"ledger entry '{id}' has body format {format}; this version of PortfolioSync reads formats {FormatWithoutQuote} and {Format}");
        var account = r.Name(names);
        var kindText = r.Name(names);
        var kind = names?.Kind(kindText) ?? Enum.Parse<EntryKind>(kindText, ignoreCase: false);
        var legs = new Leg[r.Byte()];
        for (var i = 0; i < legs.Length; i++)
        {
            var asset = r.Asset(names);
            legs[i] = new Leg(asset, r.Decimal());
        }
        Money? fee = null;
        if (r.Flag())
        {
            var asset = r.Asset(names);
            fee = new Money(r.Decimal(), asset);
        }
        var xid = r.Long();
        long? order = r.Flag() ? r.Long() : null;
        var source = r.Text();
        Asset? quote = format == Format && r.Flag() ? r.Asset(names) : null;
        r.End();
        return new LedgerEntry(id, account, at, kind, legs, fee, xid, order, source, quote);
    }

    /// <summary>The account of an encoded entry, read without decoding the rest.</summary>
    public static string AccountOf(string id, ReadOnlySpan<byte> blob, LedgerBson.ReadCache? names)
    {
        var r = new Reader(blob, id);
        r.Byte();
        return r.Name(names);
    }

    private static int Str(string text)
    {
        var n = Encoding.UTF8.GetByteCount(text);
        return n <= byte.MaxValue ? 1 + n : throw new ArgumentException($"'{text[..40]}…' is longer than 255 bytes: too long for a ledger field");
    }

    private ref struct Writer(Span<byte> buffer)
    {
        private readonly Span<byte> _buffer = buffer;
        public int Position { get; private set; }

        public void Byte(byte value) => _buffer[Position++] = value;

        public void Long(long value)
        {
            BinaryPrimitives.WriteInt64LittleEndian(_buffer[Position..], value);
            Position += 8;
        }

        public void Decimal(decimal value)
        {
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(value, bits);
            foreach (var b in bits)
            {
                BinaryPrimitives.WriteInt32LittleEndian(_buffer[Position..], b);
                Position += 4;
            }
        }

        public void String(string text)
        {
            var n = Encoding.UTF8.GetBytes(text, _buffer[(Position + 1)..]);
            _buffer[Position] = (byte)n;
            Position += 1 + n;
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> blob, string id)
    {
        private readonly ReadOnlySpan<byte> _blob = blob;
        private readonly string _id = id;
        private int _position;

        public byte Byte() => _position < _blob.Length ? _blob[_position++] : throw Truncated();

        public bool Flag() => Byte() switch
        {
            0 => false,
            1 => true,
            var b => throw new FormatException($"ledger entry '{_id}': flag byte {b} at offset {_position - 1} is neither 0 nor 1"),
        };

        public long Long() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        public decimal Decimal()
        {
            var bytes = Take(16);
            Span<int> bits = stackalloc int[4];
            for (var i = 0; i < 4; i++) bits[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[(4 * i)..]);
            try
            {
                return new decimal(bits);
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"ledger entry '{_id}': an invalid decimal at offset {_position - 16}", e);
            }
        }

        public string Text() => Encoding.UTF8.GetString(Utf8());

        /// <summary>A short repeated name (account, kind): shared through the cache when there is one.</summary>
        public string Name(LedgerBson.ReadCache? names) => names is null ? Text() : names.Intern(Utf8());

        public Asset Asset(LedgerBson.ReadCache? names) =>
            names is null ? Domain.Asset.Parse(Text()) : names.Asset(Utf8());

        public void End()
        {
            if (_position != _blob.Length)
                throw new FormatException($"ledger entry '{_id}': {_blob.Length - _position} unread bytes after the body");
        }

        private ReadOnlySpan<byte> Utf8() => Take(Byte());

        private ReadOnlySpan<byte> Take(int n)
        {
            if (_position + n > _blob.Length) throw Truncated();
            var span = _blob.Slice(_position, n);
            _position += n;
            return span;
        }

        private FormatException Truncated() => new($"ledger entry '{_id}': its body ends early (at byte {_position} of {_blob.Length})");
    }
}

using LiteDB;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Ledger;
using N = PortfolioSync.Store.Bson.Names;

namespace PortfolioSync.Store.Bson;

/// <summary>Explicit mapping of <see cref="LedgerEntry"/> to and from a <c>ledger</c> document (no reflection).</summary>
internal static class LedgerBson
{
    /// <summary>
    /// Schema 4: <c>{ _id, at, e }</c>, the id and the indexed instant as fields and everything else in one binary body
    /// (<see cref="LedgerBlob"/>). Documents of the earlier shapes (named fields, legs as a flat array or a document per
    /// leg) are still read; migration 4 rewrites them.
    /// </summary>
    public static BsonDocument ToDocument(LedgerEntry e)
    {
        var body = LedgerBlob.Encode(e);
        var at = e.At.ToUnixTimeTicks();
        return new()
        {
            [N.Id] = e.Id,
            [N.At] = Ticks.Of(e.At),
            [N.Body] = body,
            [N.Checksum] = Checksums.Ledger(e.Id, at, body),
        };
    }

    /// <summary>Adds the schema 6 checksum to a compact document written before it (migration 6).</summary>
    public static void AddChecksum(BsonDocument d) =>
        d[N.Checksum] = Checksums.Ledger(d[N.Id].AsString, d[N.At].AsInt64, d[N.Body].AsBinary);

    /// <summary>The id of a document as plain text, for messages (whatever its type, or "?" without one).</summary>
    public static string IdText(BsonDocument d) =>
        !d.TryGetValue(N.Id, out var id) ? "?" : id.IsString ? id.AsString : id.ToString();

    /// <summary>Whether a ledger document has the schema 4 shape.</summary>
    public static bool IsCompact(BsonDocument d) => d.TryGetValue(N.Body, out var body) && body.IsBinary;

    /// <summary>The raw record key an entry was mapped from.</summary>
    public static string SourceOf(BsonDocument d) => IsCompact(d) ? FromDocument(d).SourceKey : d[N.Source].AsString;

    /// <summary>The account of an entry; of a compact document without decoding the rest of it.</summary>
    /// <exception cref="FormatException">The document cannot be read.</exception>
    public static string AccountOf(BsonDocument d, ReadCache? names = null) =>
        IsCompact(d) ? LedgerBlob.AccountOf(IdText(d), d[N.Body].AsBinary, names)
            : d[N.Account].IsString ? d[N.Account].AsString
            : throw new FormatException($"ledger entry '{IdText(d)}': field '{N.Account}' should be text");

    /// <summary>The schema 3 shape (named fields, legs as a flat array), for tests of migration 4.</summary>
    internal static BsonDocument ToFieldDocument(LedgerEntry e)
    {
        var legs = new BsonArray();
        foreach (var leg in e.Legs)
        {
            legs.Add(leg.Asset.Code);
            legs.Add(leg.Quantity);
        }
        return new BsonDocument
        {
            [N.Id] = e.Id,
            [N.Account] = e.Account,
            [N.At] = Ticks.Of(e.At),
            [N.Kind] = e.Kind.ToString(),
            [N.Legs] = legs,
            [N.Fee] = e.Fee is { } fee ? new BsonArray { fee.Asset.Code, fee.Amount } : BsonValue.Null,
            [N.ExternalId] = e.ExternalId,
            [N.Order] = Ticks.Nullable(e.OrderId),
            [N.Source] = e.SourceKey,
        };
    }

    /// <summary>
    /// A 64-bit FNV-1a fingerprint of everything stored for an entry, kept on its raw record so that an unchanged
    /// record re-sent with an unchanged mapping costs no ledger read. Stable across processes and versions of .NET
    /// (no <see cref="HashCode"/>); decimals hash by value and scale. The quote (schema 8) is mixed in only when there
    /// is one, so entries without one keep the fingerprint they had.
    /// </summary>
    public static long Fingerprint(LedgerEntry e)
    {
        var h = new Fnv();
        h.Add(e.Id).Add(e.Account).Add(e.At.ToUnixTimeTicks()).Add((long)e.Kind).Add(e.Legs.Count);
        foreach (var leg in e.Legs) h.Add(leg.Asset.Code).Add(leg.Quantity);
        if (e.Fee is { } fee) h.Add(1).Add(fee.Asset.Code).Add(fee.Amount);
        else h.Add(0);
        h.Add(e.ExternalId).Add(e.OrderId ?? long.MinValue).Add(e.OrderId is null ? 0 : 1).Add(e.SourceKey);
        // Only when set (schema 8), so that the fingerprint of an entry without a quote is what it was before.
        if (e.Quote is { } quote) h.Add(2).Add(quote.Code);
        return (long)h.Value;
    }

    private sealed class Fnv
    {
        public ulong Value { get; private set; } = 14695981039346656037UL;

        public Fnv Add(long v)
        {
            for (var i = 0; i < 8; i++, v >>= 8) Value = (Value ^ (byte)v) * 1099511628211UL;
            return this;
        }

        public Fnv Add(string s)
        {
            Add(s.Length);
            foreach (var c in s) Value = (Value ^ c) * 1099511628211UL;
            return this;
        }

        public Fnv Add(decimal d)
        {
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(d, bits);
            foreach (var b in bits) Add(b);
            return this;
        }
    }

    public static LedgerEntry FromDocument(BsonDocument d) => FromDocument(d, null);

    /// <summary>Reads an entry; <paramref name="names"/> (optional, per read) shares parsed assets, kinds and account
    /// names between entries, which makes reading a million entries several times faster.</summary>
    /// <exception cref="FormatException">The document cannot be read (a damaged body, a field of the wrong type, a
    /// value the entry refuses); the message names the entry.</exception>
    public static LedgerEntry FromDocument(BsonDocument d, ReadCache? names)
    {
        // Every way a damaged document fails becomes one FormatException naming the entry (no delegate per call:
        // this runs a million times per report).
        try
        {
            return Read(d, names);
        }
        catch (InvalidCastException e)   // LiteDB: a value of another type read with As…
        {
            throw Unreadable(d, e);
        }
        catch (ArgumentException e)      // an unknown kind, a blank id, a negative fee
        {
            throw Unreadable(d, e);
        }
    }

    private static FormatException Unreadable(BsonDocument d, Exception e) => new($"ledger entry '{IdText(d)}': {e.Message}", e);

    private static LedgerEntry Read(BsonDocument d, ReadCache? names)
    {
        if (IsCompact(d))
        {
            var id = Text(d[N.Id], N.Id);
            var at = Integer(d[N.At], N.At);
            var body = d[N.Body].AsBinary;
            if (d.TryGetValue(N.Checksum, out var c))
            {
                if (!c.IsInt64 || c.AsInt64 != Checksums.Ledger(id, at, body))
                    throw new FormatException($"ledger entry '{id}': its checksum does not match its content (the document was damaged)");
            }
            else if (names?.RequireChecksum == true)
                throw new FormatException($"ledger entry '{id}': it has no checksum (every entry has one since schema 6)");
            return LedgerBlob.Decode(id, Ticks.ToInstant(at), body, names);
        }

        // The shapes before schema 4, field by field; LiteDB's As… of a value of another type gives null or a cast
        // error, so every type is checked first.
        var array = d[N.Legs].IsArray ? d[N.Legs].AsArray : throw Bad(N.Legs, "an array", d[N.Legs]);
        Leg[] legs;
        if (array.Count > 0 && array[0].IsDocument)   // the format before flat arrays
        {
            legs = new Leg[array.Count];
            for (var i = 0; i < legs.Length; i++)
            {
                var leg = array[i].IsDocument ? array[i].AsDocument : throw Bad(N.Legs, "documents", array[i]);
                legs[i] = new Leg(AssetOf(Text(leg[N.Asset], N.Asset), names), Number(leg[N.Quantity], N.Quantity));
            }
        }
        else
        {
            if (array.Count % 2 != 0) throw new FormatException($"ledger entry '{IdText(d)}': legs hold {array.Count} values, not asset and quantity pairs");
            legs = new Leg[array.Count / 2];
            for (var i = 0; i < legs.Length; i++)
                legs[i] = new Leg(AssetOf(Text(array[2 * i], N.Legs), names), Number(array[2 * i + 1], N.Legs));
        }
        var feeValue = d[N.Fee];
        Money? fee = feeValue switch
        {
            { IsNull: true } => null,
            { IsArray: true } when feeValue.AsArray.Count == 2 =>
                new Money(Number(feeValue.AsArray[1], N.Fee), AssetOf(Text(feeValue.AsArray[0], N.Fee), names)),
            { IsDocument: true } => new Money(Number(feeValue.AsDocument[N.Quantity], N.Fee), AssetOf(Text(feeValue.AsDocument[N.Asset], N.Fee), names)),
            _ => throw Bad(N.Fee, "null, a pair or a document", feeValue),
        };
        var account = Text(d[N.Account], N.Account);
        var kind = Text(d[N.Kind], N.Kind);
        return new LedgerEntry(
            Text(d[N.Id], N.Id),
            names?.Intern(account) ?? account,
            Ticks.ToInstant(Integer(d[N.At], N.At)),
            names?.Kind(kind) ?? Enum.Parse<EntryKind>(kind, ignoreCase: false),
            legs,
            fee,
            Integer(d[N.ExternalId], N.ExternalId),
            d[N.Order].IsNull ? null : Integer(d[N.Order], N.Order),
            Text(d[N.Source], N.Source));

        string Text(BsonValue v, string field) => v.IsString ? v.AsString : throw Bad(field, "text", v);
        decimal Number(BsonValue v, string field) => v.IsNumber ? v.AsDecimal : throw Bad(field, "a number", v);
        long Integer(BsonValue v, string field) => v.IsInt32 || v.IsInt64 ? v.AsInt64 : throw Bad(field, "an integer", v);
        FormatException Bad(string field, string what, BsonValue v) =>
            new($"ledger entry '{IdText(d)}': field '{field}' should be {what}, is {(v.IsNull ? "missing or null" : v.Type.ToString())}");
    }

    private static Domain.Asset AssetOf(string code, ReadCache? names) => names?.Asset(code) ?? Domain.Asset.Parse(code);

    /// <summary>Parsed names of one read, shared between its entries. Not thread-safe; lives as long as one read.</summary>
    internal sealed class ReadCache
    {
        /// <summary>Refuse a compact document without a checksum (the store has schema 6 or later).</summary>
        public bool RequireChecksum { get; init; }

        private readonly Dictionary<string, Domain.Asset> _assets = new(StringComparer.Ordinal);
        private readonly Dictionary<string, EntryKind> _kinds = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);

        public Domain.Asset Asset(string code)
        {
            if (!_assets.TryGetValue(code, out var asset)) _assets[code] = asset = Domain.Asset.Parse(code);
            return asset;
        }

        public EntryKind Kind(string text)
        {
            if (!_kinds.TryGetValue(text, out var kind)) _kinds[text] = kind = Enum.Parse<EntryKind>(text, ignoreCase: false);
            return kind;
        }

        public string Intern(string text)
        {
            if (_strings.TryGetValue(text, out var shared)) return shared;
            _strings[text] = text;
            return text;
        }

        /// <summary>The shared string of UTF-8 <paramref name="utf8"/> (no allocation once seen).</summary>
        public string Intern(ReadOnlySpan<byte> utf8)
        {
            Span<char> chars = stackalloc char[utf8.Length];
            var n = System.Text.Encoding.UTF8.GetChars(utf8, chars);
            return _strings.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars[..n], out var shared)
                ? shared : Intern(new string(chars[..n]));
        }

        public Domain.Asset Asset(ReadOnlySpan<byte> utf8)
        {
            Span<char> chars = stackalloc char[utf8.Length];
            var n = System.Text.Encoding.UTF8.GetChars(utf8, chars);
            return _assets.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars[..n], out var asset)
                ? asset : Asset(new string(chars[..n]));
        }
    }
}

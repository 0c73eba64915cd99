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
    public static BsonDocument ToDocument(LedgerEntry e) => new()
    {
        [N.Id] = e.Id,
        [N.At] = Ticks.Of(e.At),
        [N.Body] = LedgerBlob.Encode(e),
    };

    /// <summary>The id of a document as plain text, for messages (whatever its type, or "?" without one).</summary>
    public static string IdText(BsonDocument d) =>
        !d.TryGetValue(N.Id, out var id) ? "?" : id.IsString ? id.AsString : id.ToString();

    /// <summary>Whether a ledger document has the schema 4 shape.</summary>
    public static bool IsCompact(BsonDocument d) => d.TryGetValue(N.Body, out var body) && body.IsBinary;

    /// <summary>The raw record key an entry was mapped from.</summary>
    public static string SourceOf(BsonDocument d) => IsCompact(d) ? FromDocument(d).SourceKey : d[N.Source].AsString;

    /// <summary>The account of an entry; of a compact document without decoding the rest of it.</summary>
    public static string AccountOf(BsonDocument d, ReadCache? names = null) =>
        IsCompact(d) ? LedgerBlob.AccountOf(d[N.Id].AsString, d[N.Body].AsBinary, names) : d[N.Account].AsString;

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
    /// (no <see cref="HashCode"/>); decimals hash by value and scale.
    /// </summary>
    public static long Fingerprint(LedgerEntry e)
    {
        var h = new Fnv();
        h.Add(e.Id).Add(e.Account).Add(e.At.ToUnixTimeTicks()).Add((long)e.Kind).Add(e.Legs.Count);
        foreach (var leg in e.Legs) h.Add(leg.Asset.Code).Add(leg.Quantity);
        if (e.Fee is { } fee) h.Add(1).Add(fee.Asset.Code).Add(fee.Amount);
        else h.Add(0);
        h.Add(e.ExternalId).Add(e.OrderId ?? long.MinValue).Add(e.OrderId is null ? 0 : 1).Add(e.SourceKey);
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
    public static LedgerEntry FromDocument(BsonDocument d, ReadCache? names)
    {
        if (IsCompact(d)) return LedgerBlob.Decode(d[N.Id].AsString, Ticks.ToInstant(d[N.At]), d[N.Body].AsBinary, names);
        var array = d[N.Legs].AsArray;
        Leg[] legs;
        if (array.Count > 0 && array[0].IsDocument)   // the format before flat arrays
        {
            legs = new Leg[array.Count];
            for (var i = 0; i < legs.Length; i++)
                legs[i] = new Leg(AssetOf(array[i][N.Asset].AsString, names), array[i][N.Quantity].AsDecimal);
        }
        else
        {
            legs = new Leg[array.Count / 2];
            for (var i = 0; i < legs.Length; i++)
                legs[i] = new Leg(AssetOf(array[2 * i].AsString, names), array[2 * i + 1].AsDecimal);
        }
        var fee = d[N.Fee] switch
        {
            { IsNull: true } => (Money?)null,
            { IsArray: true } pair => new Money(pair.AsArray[1].AsDecimal, AssetOf(pair.AsArray[0].AsString, names)),
            var doc => new Money(doc[N.Quantity].AsDecimal, AssetOf(doc[N.Asset].AsString, names)),
        };
        var account = d[N.Account].AsString;
        return new LedgerEntry(
            d[N.Id].AsString,
            names?.Intern(account) ?? account,
            Ticks.ToInstant(d[N.At]),
            names?.Kind(d[N.Kind].AsString) ?? Enum.Parse<EntryKind>(d[N.Kind].AsString, ignoreCase: false),
            legs,
            fee,
            d[N.ExternalId].AsInt64,
            Ticks.ToNullableLong(d[N.Order]),
            d[N.Source].AsString);
    }

    private static Domain.Asset AssetOf(string code, ReadCache? names) => names?.Asset(code) ?? Domain.Asset.Parse(code);

    /// <summary>Parsed names of one read, shared between its entries. Not thread-safe; lives as long as one read.</summary>
    internal sealed class ReadCache
    {
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

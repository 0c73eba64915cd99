using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using LiteDB;
using NodaTime;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Pricing;
using N = PortfolioSync.Store.Bson.Names;

namespace PortfolioSync.Store;

public sealed partial class PortfolioStore
{
    /// <summary>
    /// The price cache: every stored candle, in <see cref="ReadPrices()"/> order, as one checksummed byte stream in
    /// <c>price_cache</c> chunks, written by <see cref="RefreshLedgerCache"/> (so at the end of every sync, import and
    /// repair run) when the candles changed since. A report then reads a few documents instead of one per candle (7,300
    /// candles were a fifth of a report's time, docs/benchmarks.md "third pass").
    /// It is used only while its header names the current price version (raised by every write that changes a candle)
    /// and the newest run of the store: a program of the same schema that predates the cache writes candles without
    /// raising the version, but always inside a run, so its writes make the cache stale too.
    /// </summary>
    private void RefreshPriceCache()
    {
        var version = PriceVersion();
        var run = NewestRunId();
        var header = _priceCache.FindById(N.CacheHeaderKey);
        if (header is not null && header[N.Version].AsInt64 == version && header[N.Run].Equals(run)) return;
        var prices = ScanPrices();
        var payload = EncodePrices(prices);
        var chunkBytes = _options.LedgerCacheChunkBytes;
        var chunks = (payload.Length + chunkBytes - 1) / chunkBytes;
        var need = 2L * payload.Length + LogBytes() + 64 * 8192;
        // No room: not written (a full disk must not fail a sync). The old one, if any, is stale already (see above).
        if (_options.SpaceCheck && StoreFaults.FreeBytes(Path) is { } free && free < need) return;
        InTransaction(() =>
        {
            _priceCache.DeleteAll();
            for (var i = 0; i < chunks; i++)
            {
                var start = i * chunkBytes;
                _priceCache.Insert(new BsonDocument
                {
                    [N.Id] = ChunkKey(i),
                    [N.Body] = payload.AsSpan(start, Math.Min(chunkBytes, payload.Length - start)).ToArray(),
                });
            }
            _priceCache.Insert(new BsonDocument
            {
                [N.Id] = N.CacheHeaderKey,
                [N.Version] = version,
                [N.Run] = run,
                [N.Records] = (long)prices.Count,
                ["chunks"] = chunks,
                ["bytes"] = (long)payload.Length,
                [N.Checksum] = CacheChecksum(payload),
            });
            return true;
        }, need);
    }

    /// <summary>The candles from the price cache, or null when there is none, it is stale, or it does not read back intact
    /// (then the caller scans the candles' own documents, which name what is damaged).</summary>
    private List<DailyPrice>? TryReadPriceCache() =>
        _cached && StoreFaults.TryRead(ReadPriceCache, out var prices, out _) ? prices : null;

    /// <summary>Whether <see cref="ReadPrices()"/> would read the price cache now (it is current and reads back intact).</summary>
    public bool PriceCacheUsable()
    {
        ThrowIfDisposed();
        return TryReadPriceCache() is not null;
    }

    private List<DailyPrice>? ReadPriceCache()
    {
        var docs = _priceCache.FindAll().ToList();   // "chunk/…" sorts before "header"
        if (docs.Count == 0 || docs[^1][N.Id].AsString != N.CacheHeaderKey) return null;
        var header = docs[^1];
        if (header[N.Version].AsInt64 != PriceVersion() || !header[N.Run].Equals(NewestRunId())) return null;
        var chunks = header["chunks"].AsInt32;
        var bytes = header["bytes"].AsInt64;
        if (docs.Count != chunks + 1 || bytes > int.MaxValue) return null;
        var payload = new byte[bytes];
        var at = 0;
        for (var i = 0; i < chunks; i++)
        {
            if (docs[i][N.Id].AsString != ChunkKey(i) || !docs[i][N.Body].IsBinary) return null;
            var chunk = docs[i][N.Body].AsBinary;
            if (at + chunk.Length > payload.Length) return null;
            chunk.CopyTo(payload, at);
            at += chunk.Length;
        }
        if (at != payload.Length || header[N.Checksum].AsInt64 != CacheChecksum(payload)) return null;
        return DecodePrices(payload, header[N.Records].AsInt64);
    }

    /// <summary>Inside a transaction that changed a candle: the price cache written before is stale.</summary>
    private void RaisePriceVersion() =>
        _meta.Upsert(new BsonDocument { [N.Id] = N.PriceVersionKey, [N.Version] = PriceVersion() + 1 });

    private long PriceVersion() => _meta.FindById(N.PriceVersionKey) is { } d ? d[N.Version].AsInt64 : 0;

    /// <summary>The id of the newest run recorded (any status), or null.</summary>
    private BsonValue NewestRunId() =>
        _runs.Find(Query.All(N.Id, Query.Descending), limit: 1).FirstOrDefault() is { } d ? d[N.Id] : BsonValue.Null;

    /// <summary>
    /// A table of the distinct strings (u16 count; each u16 length + UTF-8), then per candle: u16 pair, u16 base and
    /// u16 quote (0xFFFF: no market), i32 day number, open, high, low and close (four i32 each, decimal bits), u16 source.
    /// </summary>
    private static byte[] EncodePrices(IReadOnlyList<DailyPrice> prices)
    {
        var strings = new Dictionary<string, ushort>(StringComparer.Ordinal);
        var table = new List<string>();
        ushort Index(string s)
        {
            if (strings.TryGetValue(s, out var i)) return i;
            if (table.Count >= ushort.MaxValue) throw new InvalidOperationException("too many distinct strings for the price cache");
            i = (ushort)table.Count;
            strings[s] = i;
            table.Add(s);
            return i;
        }
        var refs = new (ushort Pair, ushort Base, ushort Quote, ushort Source)[prices.Count];
        for (var i = 0; i < prices.Count; i++)
        {
            var p = prices[i];
            refs[i] = (Index(p.Pair), p.Market is { } m ? Index(m.Base.Code) : NoMarket, p.Market is { } n ? Index(n.Quote.Code) : NoMarket, Index(p.Source));
        }
        var size = 2L + table.Sum(s => 2L + Encoding.UTF8.GetByteCount(s)) + (long)prices.Count * PriceRecordBytes;
        if (size > int.MaxValue) throw new InvalidOperationException("the candles are too many for the price cache");
        var payload = new byte[size];
        var span = payload.AsSpan();
        Span<int> bits = stackalloc int[4];
        var at = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(span[at..], (ushort)table.Count);
        at += 2;
        foreach (var s in table)
        {
            var length = Encoding.UTF8.GetBytes(s, span[(at + 2)..]);
            BinaryPrimitives.WriteUInt16LittleEndian(span[at..], checked((ushort)length));
            at += 2 + length;
        }
        for (var i = 0; i < prices.Count; i++)
        {
            var p = prices[i];
            BinaryPrimitives.WriteUInt16LittleEndian(span[at..], refs[i].Pair);
            BinaryPrimitives.WriteUInt16LittleEndian(span[(at + 2)..], refs[i].Base);
            BinaryPrimitives.WriteUInt16LittleEndian(span[(at + 4)..], refs[i].Quote);
            BinaryPrimitives.WriteUInt16LittleEndian(span[(at + 6)..], refs[i].Source);
            BinaryPrimitives.WriteInt32LittleEndian(span[(at + 8)..], (p.Date.Year << 9) | (p.Date.Month << 5) | p.Date.Day);
            at += 12;
            foreach (var value in (ReadOnlySpan<decimal>)[p.Open, p.High, p.Low, p.Close])
            {
                decimal.GetBits(value, bits);
                for (var j = 0; j < 4; j++) BinaryPrimitives.WriteInt32LittleEndian(span[(at + 4 * j)..], bits[j]);
                at += 16;
            }
        }
        return payload;
    }

    private static List<DailyPrice> DecodePrices(byte[] payload, long count)
    {
        var span = (ReadOnlySpan<byte>)payload;
        var at = 0;
        var tableCount = BinaryPrimitives.ReadUInt16LittleEndian(span);
        at += 2;
        var table = new string[tableCount];
        for (var i = 0; i < tableCount; i++)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(span[at..]);
            table[i] = Encoding.UTF8.GetString(span.Slice(at + 2, length));
            at += 2 + length;
        }
        if ((payload.Length - at) % PriceRecordBytes != 0 || (payload.Length - at) / PriceRecordBytes != count)
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"the price cache does not hold the {count} candles its header says"));
        // The assets and markets of a few dozen pairs, built once each.
        var markets = new Dictionary<(ushort, ushort), CurrencyPair>();
        var list = new List<DailyPrice>((int)count);
        Span<int> bits = stackalloc int[4];
        while (at < payload.Length)
        {
            var pair = table[BinaryPrimitives.ReadUInt16LittleEndian(span[at..])];
            var b = BinaryPrimitives.ReadUInt16LittleEndian(span[(at + 2)..]);
            var q = BinaryPrimitives.ReadUInt16LittleEndian(span[(at + 4)..]);
            var source = table[BinaryPrimitives.ReadUInt16LittleEndian(span[(at + 6)..])];
            var ymd = BinaryPrimitives.ReadInt32LittleEndian(span[(at + 8)..]);
            var date = new LocalDate(ymd >> 9, (ymd >> 5) & 15, ymd & 31);
            at += 12;
            CurrencyPair? market = null;
            if (b != NoMarket && q != NoMarket && !markets.TryGetValue((b, q), out var known))
                markets[(b, q)] = known = new CurrencyPair(Asset.Parse(table[b]), Asset.Parse(table[q]));
            if (b != NoMarket && q != NoMarket) market = markets[(b, q)];
            var open = ReadDecimal(span, at, bits);
            var high = ReadDecimal(span, at + 16, bits);
            var low = ReadDecimal(span, at + 32, bits);
            var close = ReadDecimal(span, at + 48, bits);
            at += 64;
            list.Add(new DailyPrice(pair, market, date, open, high, low, close, source));
        }
        return list;
    }

    private static decimal ReadDecimal(ReadOnlySpan<byte> span, int at, Span<int> bits)
    {
        for (var j = 0; j < 4; j++) bits[j] = BinaryPrimitives.ReadInt32LittleEndian(span[(at + 4 * j)..]);
        return new decimal(bits);
    }

    private const ushort NoMarket = ushort.MaxValue;
    private const int PriceRecordBytes = 12 + 4 * 16;
}

using LiteDB;
using NodaTime;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Store.Bson;
using N = PortfolioSync.Store.Bson.Names;

namespace PortfolioSync.Store;

public sealed partial class PortfolioStore
{
    /// <summary>The cursor of one account and stream, or null before its first page.</summary>
    public StreamCursor? GetCursor(string account, string stream)
    {
        ThrowIfDisposed();
        return _cursors.FindById(RawKey.Cursor(account, stream)) is { } doc ? ToCursor(doc) : null;
    }

    /// <summary>Every stored cursor, in key order.</summary>
    public IReadOnlyList<StreamCursor> ListCursors()
    {
        ThrowIfDisposed();
        return _cursors.FindAll().Select(ToCursor).OrderBy(c => RawKey.Cursor(c.Account, c.Stream), StringComparer.Ordinal).ToList();
    }

    /// <summary>Record counts per account and stream (for <c>status</c>), read from the stream documents, no scan.</summary>
    public IReadOnlyList<StreamCount> CountRecords()
    {
        ThrowIfDisposed();
        return _cursors.FindAll()
            .Select(d => new StreamCount(d[N.Account].AsString, d[N.Stream].AsString, d[N.Records].AsInt64,
                d[N.Unmapped].AsInt64, d[N.Versions].AsInt64, Ticks.ToNullableLong(d[N.Max])))
            .OrderBy(c => c.Account, StringComparer.Ordinal).ThenBy(c => c.Stream, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Number of ledger entries, of one account or of all.</summary>
    public int CountLedger(string? account = null)
    {
        ThrowIfDisposed();
        if (account is null) return _ledger.Count();
        var names = new LedgerBson.ReadCache { RequireChecksum = _checksummed };
        var n = 0;
        foreach (var doc in _ledger.FindAll())
            if (string.Equals(AccountOf(doc, names), account, StringComparison.Ordinal)) n++;
        return n;
    }

    /// <summary>
    /// The whole ledger in <see cref="LedgerOrder"/>: from the ledger cache when it is current and intact (schema 7,
    /// written at the end of every sync, import and repair run; a few large documents instead of one per entry), else
    /// from the entries' own documents (<see cref="ScanLedger"/>).
    /// </summary>
    public IReadOnlyList<LedgerEntry> ReadLedger()
    {
        ThrowIfDisposed();
        return TryReadLedgerCache() ?? ScanLedger();
    }

    /// <summary>Whether <see cref="ReadLedger()"/> would read the ledger cache now (it is current and reads back intact).</summary>
    public bool LedgerCacheUsable()
    {
        ThrowIfDisposed();
        return TryReadLedgerCache() is not null;
    }

    /// <summary>
    /// The whole ledger in <see cref="LedgerOrder"/>, read from every entry's own document (what <c>verify</c> checks and
    /// the ledger cache copies). One streaming query (a batched scan re-opens the engine per batch
    /// in shared mode and took three times as long: 10.5 s against 3.7 s for a million entries); the entries are
    /// all held anyway, so LiteDB's page cache is not what bounds memory here.
    /// </summary>
    public List<LedgerEntry> ScanLedger()
    {
        ThrowIfDisposed();
        var names = new LedgerBson.ReadCache { RequireChecksum = _checksummed };
        // No capacity from _ledger.Count(): LiteDB counts by walking the whole _id index, which took 1.3 s of a 6 s
        // read of a million entries; growing the list costs a few milliseconds.
        var list = new List<LedgerEntry>();
        foreach (var doc in _ledger.FindAll()) list.Add(Decode(doc, names));
        LedgerOrder.SortInPlace(list);   // in _id order each account's entries are (almost always) one ascending run
        return list;
    }

    /// <summary>One account's ledger in <see cref="LedgerOrder"/> (a scan: no account index since schema 3, and the
    /// account is inside the entry's body since schema 4).</summary>
    public IReadOnlyList<LedgerEntry> ReadLedger(string account)
    {
        ThrowIfDisposed();
        var names = new LedgerBson.ReadCache { RequireChecksum = _checksummed };
        var list = new List<LedgerEntry>();
        foreach (var doc in _ledger.FindAll())
            if (string.Equals(AccountOf(doc, names), account, StringComparison.Ordinal))
                list.Add(Decode(doc, names));
        list.Sort(LedgerOrder.Instance);
        return list;
    }

    /// <summary>Entries with <paramref name="from"/> ≤ At &lt; <paramref name="to"/>, in <see cref="LedgerOrder"/>
    /// (index range scan on at).</summary>
    public IReadOnlyList<LedgerEntry> ReadLedger(Instant from, Instant to)
    {
        ThrowIfDisposed();
        if (to <= from) return [];
        var names = new LedgerBson.ReadCache { RequireChecksum = _checksummed };
        return LedgerOrder.Sort(_ledger.Find(LedgerRange(from, to)).ToList().Select(d => Decode(d, names)));
    }

    /// <summary>One ledger entry by id, or null.</summary>
    public LedgerEntry? GetEntry(string id)
    {
        ThrowIfDisposed();
        return _ledger.FindById(id) is { } doc ? Decode(doc, null) : null;
    }

    private string AccountOf(BsonDocument doc, LedgerBson.ReadCache names)
    {
        try
        {
            return LedgerBson.AccountOf(doc, names);
        }
        catch (FormatException)
        {
            return Decode(doc, names).Account;   // throws the StoreException naming the entry
        }
    }

    /// <summary>A ledger document as an entry; one that cannot be read stops the read with the entry and the file named
    /// (a report built without it would be wrong).</summary>
    private LedgerEntry Decode(BsonDocument doc, LedgerBson.ReadCache? names)
    {
        try
        {
            return LedgerBson.FromDocument(doc, names);
        }
        catch (FormatException e)
        {
            throw new StoreException(Path, StoreFailure.Damaged, $"ledger entry '{LedgerBson.IdText(doc)}' cannot be read ({e.Message}). " +
                "'portfoliosync verify' lists every damaged document. " + StoreException.RecoverySteps(Path), e);
        }
    }

    /// <summary>LiteDB's query plan for <see cref="ReadLedger(Instant, Instant)"/> (tests check that it uses the index).</summary>
    internal BsonDocument ExplainLedgerRange(Instant from, Instant to) => _ledger.Query().Where(LedgerRange(from, to)).GetPlan();

    private static BsonExpression LedgerRange(Instant from, Instant to) =>
        Query.Between(N.At, from.ToUnixTimeTicks(), to.ToUnixTimeTicks() - 1);

    /// <summary>The current raw record of a key, or null.</summary>
    public RawRecord? GetRaw(string key)
    {
        ThrowIfDisposed();
        return _raw.FindById(key) is { } doc ? RawBson.ToRecord(doc, current: true, _checksummed) : null;
    }

    /// <summary>All current raw records of one account and stream in external-id order (range scan on the key).</summary>
    public IReadOnlyList<RawRecord> ReadRaw(string account, string stream)
    {
        ThrowIfDisposed();
        var prefix = RawKey.Cursor(account, stream) + "/";
        return _raw.Find(KeyPrefix(prefix)).Select(d => RawBson.ToRecord(d, current: true, _checksummed))
            .OrderBy(r => r.ExternalId).ToList();
    }

    /// <summary>Every stored version of a raw key, oldest first; the current one is last. Empty when unknown.</summary>
    public IReadOnlyList<RawRecord> GetVersions(string key)
    {
        ThrowIfDisposed();
        var list = _rawVersions.Find(KeyPrefix(key + "#")).Select(d => RawBson.ToRecord(d, current: false, _checksummed)).ToList();
        if (GetRaw(key) is { } current) list.Add(current);
        return list.OrderBy(r => r.Version).ToList();
    }

    /// <summary>Current records flagged with a problem (unmapped, or mapped with a problem), in key order:
    /// the source of <c>unknown-record</c> / <c>malformed-record</c> warnings.</summary>
    public IReadOnlyList<RawRecord> ListFlagged()
    {
        ThrowIfDisposed();
        // Materialize first: in LiteDB's shared mode a query nested in an open reader closes the engine under it.
        var keys = _rawFlags.FindAll().Select(d => d[N.Id]).ToList();
        var list = new List<RawRecord>();
        foreach (var key in keys)
            if (_raw.FindById(key) is { } doc) list.Add(RawBson.ToRecord(doc, current: true, _checksummed));
        return list.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>Keys of records that came back with different content (they have superseded versions), in key order:
    /// the source of <c>changed-record</c> warnings.</summary>
    public IReadOnlyList<string> ListChangedKeys()
    {
        ThrowIfDisposed();
        return _rawVersions.FindAll().Select(d => d[N.Key].AsString).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Every document of a collection in key order, read in batches of separate queries: in shared mode each query
    /// opens and closes the engine, so LiteDB's page cache is dropped between batches and a scan of a million records
    /// stays in bounded memory (one long query would cache the whole file). Safe to run other queries while iterating.
    /// </summary>
    private static IEnumerable<BsonDocument> Scan(ILiteCollection<BsonDocument> collection, int batch = 10_000)
    {
        var last = BsonValue.MinValue;
        while (true)
        {
            var docs = collection.Find(Query.GT(N.Id, last), 0, batch).ToList();
            foreach (var doc in docs) yield return doc;
            if (docs.Count < batch) yield break;
            last = docs[^1][N.Id];
        }
    }

    /// <summary>Keys starting with <paramref name="prefix"/>: an index range scan (ordinal collation; no LIKE, whose
    /// <c>_</c> is a wildcard).</summary>
    private static BsonExpression KeyPrefix(string prefix) => Query.Between(N.Id, prefix, prefix + '\uffff');

    private static StreamCursor ToCursor(BsonDocument d) => new(
        d[N.Account].AsString,
        d[N.Stream].AsString,
        Ticks.ToNullableLong(d[N.Last]),
        Ticks.ToNullableInstant(d[N.LastAt]),
        Ticks.ToInstant(d[N.Updated]),
        d[N.Run].AsString);
}

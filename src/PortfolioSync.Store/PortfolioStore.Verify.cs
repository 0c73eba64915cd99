using PortfolioSync.Domain.Ledger;
using LiteDB;
using PortfolioSync.Store.Bson;
using PortfolioSync.Store.Schema;
using N = PortfolioSync.Store.Bson.Names;

namespace PortfolioSync.Store;

public sealed partial class PortfolioStore
{
    /// <summary>
    /// Integrity check (<c>portfoliosync verify</c>): schema and indexes as expected; every raw key matches its fields;
    /// every current raw record mapped to exactly one ledger entry or flagged unmapped; no ledger entry without its raw
    /// source; flags, versions and stream counts agree with the data; every cursor equals the newest stored external id
    /// of its stream. Reads the whole store (seconds for a million records). Empty when all is well.
    /// </summary>
    public IReadOnlyList<StoreProblem> Verify()
    {
        ThrowIfDisposed();
        var problems = new List<StoreProblem>();
        VerifySchema(problems);

        var raw = new RawIndex();
        var streams = new Dictionary<string, (long Records, long Unmapped, long Versions, long? Max)>(StringComparer.Ordinal);

        foreach (var doc in Scan(_raw))
        {
            try
            {
                RawBson.Check(doc, current: true, _checksummed);
            }
            catch (FormatException e)
            {
                problems.Add(new(StoreProblemKind.Unreadable, $"{N.Raw}/{LedgerBson.IdText(doc)}", e.Message));
                continue;
            }
            var key = doc[N.Id].AsString;
            if (!RawKey.TryParse(key, out var account, out var stream, out var xid)
                || account != doc[N.Account].AsString || stream != doc[N.Stream].AsString || xid != doc[N.ExternalId].AsInt64)
            {
                problems.Add(new(StoreProblemKind.BadKey, key,
                    Invariant($"key does not match its fields (account '{doc[N.Account]}', stream '{doc[N.Stream]}', external id {doc[N.ExternalId]})")));
                continue;
            }
            var entry = Ticks.ToNullableString(doc[N.Entry]);
            var problem = Ticks.ToNullableString(doc[N.Problem]);
            var detail = IsDetail(doc);
            if (entry is null && problem is null && !detail)
                problems.Add(new(StoreProblemKind.NotMapped, key, "raw record has neither a ledger entry nor an unmapped flag"));
            raw.Add(account, stream, xid, entry, doc[N.Version].AsInt32, problem is not null);
            var s = streams.GetValueOrDefault(RawKey.Cursor(account, stream));
            streams[RawKey.Cursor(account, stream)] =
                (s.Records + 1, s.Unmapped + (entry is null && !detail ? 1 : 0), s.Versions, s.Max is { } m && m > xid ? m : xid);
        }

        // Every daily candle reads back whole (reports and the value series read them all).
        foreach (var doc in Scan(_prices))
            if (StoreFaults.Damage(() => ToPrice(doc)) is { } e)
                problems.Add(new(StoreProblemKind.Unreadable, $"{N.Prices}/{LedgerBson.IdText(doc)}", e.Message));

        VerifyLedger(problems, raw);
        VerifyLedgerCache(problems);
        VerifyPriceCache(problems);
        VerifyLedgerIndex(problems);
        VerifyFlags(problems, raw);
        VerifyVersions(problems, raw, streams);
        VerifyCursors(problems, streams);
        return problems;
    }

    /// <summary>
    /// What Verify remembers of each raw record, compactly (a million records fit in well under 1 GB): per stream,
    /// external id → entry (the conventional <c>bitstamp:{account}:{id}</c> as a shared marker), version, flags.
    /// </summary>
    private sealed class RawIndex
    {
        private const string Conventional = "\u0001conventional";
        private readonly Dictionary<string, (string Account, Dictionary<long, Info> Records)> _streams = new(StringComparer.Ordinal);

        public sealed class Info
        {
            public string? Entry;
            public int Version;
            public bool Flagged;
            public bool Claimed;
        }

        public void Add(string account, string stream, long xid, string? entry, int version, bool flagged)
        {
            var streamKey = RawKey.Cursor(account, stream);
            if (!_streams.TryGetValue(streamKey, out var s)) _streams[streamKey] = s = (account, new Dictionary<long, Info>());
            if (entry is not null && entry == Domain.Ledger.LedgerEntry.BitstampId(account, xid)) entry = Conventional;
            s.Records[xid] = new Info { Entry = entry, Version = version, Flagged = flagged };
        }

        public Info? Find(string key) =>
            RawKey.TryParse(key, out var account, out var stream, out var xid)
            && _streams.TryGetValue(RawKey.Cursor(account, stream), out var s) && s.Records.TryGetValue(xid, out var info)
                ? info : null;

        public string? EntryOf(string key, Info info) =>
            ReferenceEquals(info.Entry, Conventional) && RawKey.TryParse(key, out var account, out _, out var xid)
                ? Domain.Ledger.LedgerEntry.BitstampId(account, xid) : info.Entry;

        public IEnumerable<(string Key, Info Info)> All() =>
            _streams.SelectMany(s => s.Value.Records.Select(r => (s.Key + "/" + r.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Value)));
    }

    private void VerifySchema(List<StoreProblem> problems)
    {
        if (StoredSchemaVersion != SchemaVersion)
            problems.Add(new(StoreProblemKind.Schema, N.SchemaKey, Invariant($"schema version {StoredSchemaVersion}, expected {SchemaVersion}")));
        if (_db.Collation.SortOptions != System.Globalization.CompareOptions.Ordinal)
            problems.Add(new(StoreProblemKind.Schema, "collation", $"collation is '{_db.Collation}', expected ordinal: keys differing only in case collide"));
        var indexes = _db.GetCollection("$indexes").FindAll()
            .Select(d => (Collection: d["collection"].AsString, Name: d["name"].AsString)).ToHashSet();
        foreach (var (collection, names) in SchemaMigrations.ExpectedIndexes)
            foreach (var name in names)
                if (!indexes.Contains((collection, name)))
                    problems.Add(new(StoreProblemKind.Schema, $"{collection}.{name}", "index is missing"));
    }

    private void VerifyLedger(List<StoreProblem> problems, RawIndex raw)
    {
        var sums = new LedgerSums();
        foreach (var doc in Scan(_ledger))
        {
            LedgerEntry entry;
            try
            {
                entry = LedgerBson.FromDocument(doc, new LedgerBson.ReadCache { RequireChecksum = _checksummed });
            }
            catch (FormatException e)
            {
                problems.Add(new(StoreProblemKind.Unreadable, LedgerBson.IdText(doc), $"the ledger entry cannot be read: {e.Message}"));
                continue;
            }
            sums.Add(entry);
            var id = entry.Id;
            var source = entry.SourceKey;
            var info = raw.Find(source);
            var mapped = info is null ? null : raw.EntryOf(source, info);
            if (info is null)
                problems.Add(new(StoreProblemKind.OrphanEntry, id, $"its raw source '{source}' is not stored"));
            else if (!string.Equals(mapped, id, StringComparison.Ordinal))
                problems.Add(new(StoreProblemKind.MappedTwice, id,
                    $"claims raw record '{source}', which is mapped to {(mapped is null ? "nothing (flagged unmapped)" : $"'{mapped}'")}"));
            else info.Claimed = true;
        }
        foreach (var (key, info) in raw.All())
            if (info.Entry is not null && !info.Claimed)
                problems.Add(new(StoreProblemKind.MissingEntry, key, $"its ledger entry '{raw.EntryOf(key, info)}' is missing"));
        VerifySums(problems, sums.Totals());
    }

    /// <summary>A current ledger cache (schema 7) must read back intact and hold exactly the entries of the ledger's own
    /// documents; a stale one is not used and is rewritten by the next run, so it is not a problem.</summary>
    /// <summary>
    /// The ledger's index on <c>at</c> (date-range reads go through it, whole-ledger reads do not): it must list every
    /// entry, and read.
    /// </summary>
    private void VerifyLedgerIndex(List<StoreProblem> problems)
    {
        int byId = 0, byAt = 0;
        if (StoreFaults.Damage(() =>
            {
                byId = _ledger.Count();
                byAt = _ledger.Count(Query.GTE(N.At, BsonValue.MinValue));
            }) is { } e)
            problems.Add(new(StoreProblemKind.Unreadable, N.Ledger, $"its index on '{N.At}' cannot be read ({e.GetType().Name}: {e.Message}); 'portfoliosync repair' builds a new store with new indexes"));
        else if (byAt != byId)
            problems.Add(new(StoreProblemKind.Unreadable, N.Ledger, Invariant($"its index on '{N.At}' lists {byAt} entries, the ledger holds {byId}; 'portfoliosync repair' builds a new store with new indexes")));
    }

    private void VerifyLedgerCache(List<StoreProblem> problems)
    {
        if (LedgerCacheState() is not { Current: true }) return;
        var cached = TryReadLedgerCache();
        if (cached is null)
        {
            problems.Add(new(StoreProblemKind.Unreadable, N.LedgerCache,
                "the ledger cache does not read back intact (reports read the entries' own documents instead)"));
            return;
        }
        List<LedgerEntry> scanned;
        try
        {
            scanned = ScanLedger();
        }
        catch (StoreException)
        {
            return;   // the entries that cannot be read are listed above
        }
        var differ = cached.Count != scanned.Count
            ? Invariant($"it holds {cached.Count} entries, the ledger {scanned.Count}")
            : Enumerable.Range(0, cached.Count).FirstOrDefault(i => LedgerBson.Fingerprint(cached[i]) != LedgerBson.Fingerprint(scanned[i]), -1) is var i and >= 0
                ? $"entry '{scanned[i].Id}' differs from its cached copy"
                : null;
        if (differ is not null)
            problems.Add(new(StoreProblemKind.Unreadable, N.LedgerCache, $"the ledger cache does not match the ledger: {differ}"));
    }

    /// <summary>A current price cache must read back intact and hold exactly the stored candles; a stale one is not used
    /// and is rewritten by the next run, so it is not a problem.</summary>
    private void VerifyPriceCache(List<StoreProblem> problems)
    {
        if (!_cached || _priceCache.FindById(N.CacheHeaderKey) is not { } header
            || header[N.Version].AsInt64 != PriceVersion() || !header[N.Run].Equals(NewestRunId())) return;
        var cached = TryReadPriceCache();
        if (cached is null)
        {
            problems.Add(new(StoreProblemKind.Unreadable, N.PriceCache,
                "the price cache does not read back intact (reports read the candles' own documents instead)"));
            return;
        }
        if (!StoreFaults.TryRead(ScanPrices, out var scanned, out _)) return;   // the candles that cannot be read are listed above
        var differ = cached.Count != scanned.Count
            ? Invariant($"it holds {cached.Count} candles, the store {scanned.Count}")
            : Enumerable.Range(0, cached.Count).FirstOrDefault(i => cached[i] != scanned[i], -1) is var i and >= 0
                ? $"the candle {scanned[i].Pair} {IsoDate.Format(scanned[i].Date)} differs from its cached copy"
                : null;
        if (differ is not null)
            problems.Add(new(StoreProblemKind.Unreadable, N.PriceCache, $"the price cache does not match the stored candles: {differ}"));
    }

    private void VerifySums(List<StoreProblem> problems, Dictionary<string, decimal> actual)
    {
        var stored = _ledgerSums.FindAll().ToDictionary(d => d[N.Id].AsString, d => d[N.Sum].AsDecimal, StringComparer.Ordinal);
        foreach (var key in stored.Keys.Union(actual.Keys).Order(StringComparer.Ordinal))
        {
            var s = stored.GetValueOrDefault(key);
            var a = actual.GetValueOrDefault(key);
            if (s != a)
                problems.Add(new(StoreProblemKind.Sums, key, Invariant($"maintained ledger sum {s}, the ledger adds up to {a}")));
        }
    }

    private void VerifyFlags(List<StoreProblem> problems, RawIndex raw)
    {
        var flags = _rawFlags.FindAll().Select(d => d[N.Id].AsString).ToHashSet(StringComparer.Ordinal);
        var flagged = raw.All().Where(r => r.Info.Flagged).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var key in flags.Except(flagged).Order(StringComparer.Ordinal))
            problems.Add(new(StoreProblemKind.Flag, key, "flag without a flagged raw record"));
        foreach (var key in flagged.Except(flags).Order(StringComparer.Ordinal))
            problems.Add(new(StoreProblemKind.Flag, key, "flagged raw record missing from the flag list"));
    }

    private void VerifyVersions(List<StoreProblem> problems, RawIndex raw,
        Dictionary<string, (long Records, long Unmapped, long Versions, long? Max)> streams)
    {
        var seen = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var doc in Scan(_rawVersions))
        {
            try
            {
                RawBson.Check(doc, current: false, _checksummed);
            }
            catch (FormatException e)
            {
                problems.Add(new(StoreProblemKind.Unreadable, $"{N.RawVersions}/{LedgerBson.IdText(doc)}", e.Message));
                continue;
            }
            var key = doc[N.Key].AsString;
            var version = doc[N.Version].AsInt32;
            if (doc[N.Id].AsString != RawBson.VersionId(key, version))
                problems.Add(new(StoreProblemKind.BadKey, doc[N.Id].AsString, Invariant($"version key does not match key '{key}' version {version}")));
            if (raw.Find(key) is null)
            {
                problems.Add(new(StoreProblemKind.Version, key, Invariant($"superseded version {version} without a current record")));
                continue;
            }
            (seen.TryGetValue(key, out var list) ? list : seen[key] = []).Add(version);
            var stream = RawKey.Cursor(doc[N.Account].AsString, doc[N.Stream].AsString);
            var s = streams.GetValueOrDefault(stream);
            streams[stream] = s with { Versions = s.Versions + 1 };
        }
        foreach (var (key, info) in raw.All().Where(r => r.Info.Version > 1 || seen.ContainsKey(r.Key)))
        {
            var versions = seen.GetValueOrDefault(key) ?? [];
            versions.Sort();
            if (!versions.SequenceEqual(Enumerable.Range(1, info.Version - 1)))
                problems.Add(new(StoreProblemKind.Version, key,
                    Invariant($"current version {info.Version} but superseded versions [{string.Join(",", versions)}]")));
        }
    }

    private void VerifyCursors(List<StoreProblem> problems, Dictionary<string, (long Records, long Unmapped, long Versions, long? Max)> streams)
    {
        var cursors = _cursors.FindAll().ToDictionary(d => d[N.Id].AsString, StringComparer.Ordinal);
        foreach (var (key, actual) in streams)
            if (!cursors.ContainsKey(key))
                problems.Add(new(StoreProblemKind.Cursor, key, "stream has records but no cursor"));
        foreach (var (key, doc) in cursors)
        {
            var actual = streams.GetValueOrDefault(key);
            var stored = (doc[N.Records].AsInt64, doc[N.Unmapped].AsInt64, doc[N.Versions].AsInt64, Ticks.ToNullableLong(doc[N.Max]));
            if (stored != actual)
                problems.Add(new(StoreProblemKind.Cursor, key, Invariant(
                    $"stream counts say {stored.Item1} records, {stored.Item2} unmapped, {stored.Item3} versions, max id {stored.Item4}; the data has {actual.Records}, {actual.Unmapped}, {actual.Versions}, {actual.Max}")));
            var last = Ticks.ToNullableLong(doc[N.Last]);
            if (last != actual.Max)
            {
                var ahead = last is { } l && (actual.Max is not { } m || l > m);
                problems.Add(new(StoreProblemKind.Cursor, key, ahead
                    ? Invariant($"cursor {last} is ahead of the newest stored record {actual.Max}: records in between would never be fetched")
                    : Invariant($"cursor {last} is behind the newest stored record {actual.Max}: the next sync re-fetches (harmless, but inconsistent)")));
            }
        }
    }
}

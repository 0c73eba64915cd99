using LiteDB;
using PortfolioSync.Store.Bson;
using N = PortfolioSync.Store.Bson.Names;

namespace PortfolioSync.Store;

public sealed partial class PortfolioStore
{
    /// <summary>
    /// Commits one page in ONE LiteDB transaction: raw records (upsert by key; identical JSON writes nothing, different
    /// JSON keeps the old version in <c>raw_versions</c> and makes the new one current with version + 1), their ledger
    /// entries (upsert by entry id; a changed or re-mapped record replaces its old entry), flags of unmapped records,
    /// the stream's counts and its cursor. A crash or exception anywhere leaves all of the page or none of it.
    /// </summary>
    /// <exception cref="ArgumentException">An entry does not belong to its record (wrong source key or account).</exception>
    public PageCommitResult CommitPage(PageCommit page)
    {
        ArgumentNullException.ThrowIfNull(page);
        ThrowIfDisposed();
        var records = Keyed(page);
        var need = SpaceNeeded(page);
        if (_options.SpaceCheck && StoreFaults.FreeBytes(Path) is { } free && free < need)
            throw new StoreException(Path, StoreFailure.WriteFailed, Invariant(
                $"cannot write the next page ({page.Records.Count} records of {page.Account} {page.Stream}): it needs about {StoreFaults.Mb(need)} and only {StoreFaults.Mb(free)} is free on the store's file system. Nothing of it was written; the store is kept as it was after the last committed page: free some space (or move the store), then run sync again; it resumes from there."));
        try
        {
            return InTransaction(() => new PageWriter(this, page, records, careful: false).Run(), need);
        }
        catch (LiteException e) when (e.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            // The fast path inserts records newer than the stream's newest stored id without looking them up. An entry
            // id already used by another record makes that insert fail (and roll back): redo the page checking every key.
            return InTransaction(() => new PageWriter(this, page, records, careful: true).Run(), need);
        }
    }

    /// <summary>
    /// Room a page may take: its documents and index keys twice (the write-ahead log, then the data file), plus the whole
    /// current log, which a checkpoint may copy into the data file in the same commit, plus a margin of 64 pages.
    /// </summary>
    private long SpaceNeeded(PageCommit page)
    {
        long bytes = 0;
        foreach (var r in page.Records) bytes += 2L * r.Json.Length + 768;
        return 2 * bytes + LogBytes() + 64 * 8192;
    }

    /// <summary>The size of the store's write-ahead log (0 when there is none or it cannot be read).</summary>
    private long LogBytes()
    {
        var log = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path) ?? "", System.IO.Path.GetFileNameWithoutExtension(Path) + "-log" + System.IO.Path.GetExtension(Path));
        try
        {
            return File.Exists(log) ? new FileInfo(log).Length : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static List<(string Key, PageRecord Record)> Keyed(PageCommit page)
    {
        var list = new List<(string, PageRecord)>(page.Records.Count);
        foreach (var record in page.Records)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(page.Records));
            var key = RawKey.Of(page.Account, page.Stream, record.ExternalId);
            if (record.Entry is { } entry)
            {
                if (!string.Equals(entry.SourceKey, key, StringComparison.Ordinal))
                    throw new ArgumentException($"record {key}: its entry '{entry.Id}' has source key '{entry.SourceKey}'", nameof(page));
                if (!string.Equals(entry.Account, page.Account, StringComparison.Ordinal))
                    throw new ArgumentException($"record {key}: its entry '{entry.Id}' is for account '{entry.Account}'", nameof(page));
            }
            list.Add((key, record));
        }
        return list;
    }

    /// <summary>The pending writes of one page; <see cref="Run"/> is called inside the page transaction.</summary>
    private sealed class PageWriter(PortfolioStore store, PageCommit page, List<(string Key, PageRecord Record)> records, bool careful)
    {
        private readonly Dictionary<string, BsonDocument> _current = new(StringComparer.Ordinal);
        private readonly Dictionary<string, BsonDocument> _inserts = new(StringComparer.Ordinal);
        private readonly Dictionary<string, BsonDocument> _updates = new(StringComparer.Ordinal);
        private readonly List<BsonDocument> _versions = [];
        private readonly Dictionary<string, (BsonDocument? Doc, bool InsertOnly)> _ledger = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string?> _flags = new(StringComparer.Ordinal);
        private readonly List<string> _changedKeys = [];
        private readonly LedgerSums _sums = new();
        private StreamStats _stats = null!;
        private int _inserted, _unchanged, _changed, _remapped;

        public PageCommitResult Run()
        {
            var now = store.Now();
            var cursorKey = RawKey.Cursor(page.Account, page.Stream);
            var cursorDoc = store._cursors.FindById(cursorKey);
            _stats = StreamStats.From(cursorDoc);
            var maxBefore = _stats.Max;
            var lastAt = cursorDoc is null ? null : Ticks.ToNullableInstant(cursorDoc[N.LastAt]);

            var stored = Prefetch(maxBefore);
            foreach (var (key, record) in records)
            {
                var current = _current.GetValueOrDefault(key);
                if (current is null && (careful || (maxBefore is { } max && record.ExternalId <= max)))
                    current = stored.TryGetValue(key, out var found) ? found : store._raw.FindById(key);


                if (current is null)
                {
                    var doc = RawBson.Current(key, page.Account, page.Stream, record.ExternalId, record.Json, now, page.RunId, 1, null, null);
                    _current[key] = _inserts[key] = doc;
                    _inserted++;
                    _stats.Records++;
                    Map(key, doc, record, isNew: true);
                }
                else if (string.Equals(current[N.Json].AsString, record.Json, StringComparison.Ordinal)
                         || page.SameContent?.Invoke(current[N.Json].AsString, record.Json) == true)
                {
                    _current[key] = current;
                    _unchanged++;
                    // Same meaning in other text: the stored text and its entry stay (the entry maps the stored text).
                    var sameText = string.Equals(current[N.Json].AsString, record.Json, StringComparison.Ordinal);
                    if (sameText && Map(key, current, record, isNew: false))
                    {
                        _remapped++;
                        if (!_inserts.ContainsKey(key)) _updates[key] = current;
                    }
                }
                else
                {
                    _changed++;
                    _changedKeys.Add(key);
                    _versions.Add(RawBson.Superseded(current, now));
                    _stats.Versions++;
                    var doc = RawBson.Current(key, page.Account, page.Stream, record.ExternalId, record.Json, now, page.RunId,
                        current[N.Version].AsInt32 + 1, Ticks.ToNullableString(current[N.Entry]), Ticks.ToNullableString(current[N.Problem]));
                    doc[N.EntryHash] = current[N.EntryHash];
                    _current[key] = doc;
                    if (_inserts.ContainsKey(key)) _inserts[key] = doc;
                    else _updates[key] = doc;
                    Map(key, doc, record, isNew: false);
                }

                if (_stats.Max is not { } m || record.ExternalId > m) _stats.Max = record.ExternalId;
                if (record.ExternalId == _stats.Max && record.Entry is { } e) lastAt = e.At;
            }

            Write(cursorKey, now, lastAt);
            store._options.BeforePageCommit?.Invoke(page);
            var unmapped = records.Count(r => _current[r.Key][N.Entry].IsNull && !IsDetail(_current[r.Key]));
            return new PageCommitResult(_inserted, _unchanged, _changed, unmapped, _remapped, _changedKeys);
        }

        /// <summary>
        /// Reads the stored raw records the page may overlap with in one key-range scan instead of one lookup each.
        /// Keys hold the external id in plain decimal, so an ordinal range over ids of one digit count also contains
        /// shorter ids (few) and, only if longer ids are stored, longer ones: hence the condition on the stored max
        /// and the limit, past which the remaining keys are looked up one by one.
        /// </summary>
        private Dictionary<string, BsonDocument?> Prefetch(long? maxBefore)
        {
            // key → stored document, or null when the scan proved it absent. Keys not in here are looked up one by one.
            var known = new Dictionary<string, BsonDocument?>(StringComparer.Ordinal);
            if (maxBefore is not { } max || max < 0) return known;
            var candidates = records.Where(r => careful || r.Record.ExternalId <= max).ToList();
            if (candidates.Count < 8 || candidates.Any(r => r.Record.ExternalId < 0)) return known;
            var digits = Digits(max);
            if (candidates.Any(r => Digits(r.Record.ExternalId) != digits)) return known;

            var low = candidates.Min(r => r.Record.ExternalId);
            var high = candidates.Max(r => r.Record.ExternalId);
            var limit = candidates.Count * 2 + 64;
            var docs = store._raw.Find(Query.Between(N.Id, RawKey.Of(page.Account, page.Stream, low),
                RawKey.Of(page.Account, page.Stream, high)), 0, limit).ToList();
            // A full batch may have stopped early: only keys up to the last one read are determined.
            var last = docs.Count == limit ? docs[^1][N.Id].AsString : null;
            foreach (var (key, _) in candidates)
                if (last is null || string.CompareOrdinal(key, last) <= 0) known[key] = null;
            foreach (var d in docs)
                if (known.ContainsKey(d[N.Id].AsString)) known[d[N.Id].AsString] = d;
            return known;
        }

        private static int Digits(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;

        /// <summary>Points <paramref name="doc"/> at the record's entry (or its problem) and queues the ledger and flag
        /// writes. Returns whether anything differs from what was stored.</summary>
        private bool Map(string key, BsonDocument doc, PageRecord record, bool isNew)
        {
            var oldEntry = Ticks.ToNullableString(doc[N.Entry]);
            var oldProblem = Ticks.ToNullableString(doc[N.Problem]);
            var oldHash = Ticks.ToNullableLong(doc[N.EntryHash]);
            var oldDetail = !isNew && IsDetail(doc);
            var newEntry = record.Entry?.Id;
            var problem = record.Problem;
            var entryDoc = record.Entry is { } e0 ? LedgerBson.ToDocument(e0) : null;
            long? hash = record.Entry is { } e1 ? LedgerBson.Fingerprint(e1) : null;

            // Same entry id, same entry content (fingerprint) and same problem as stored: nothing to write or read.
            if (!isNew && oldHash == hash && string.Equals(oldEntry, newEntry, StringComparison.Ordinal)
                && string.Equals(oldProblem, problem, StringComparison.Ordinal) && oldDetail == record.IsDetail
                && !_ledger.ContainsKey(newEntry ?? ""))
                return false;

            var ledgerWritten = false;
            if (record.Entry is { } entry)
            {
                var pending = _ledger.TryGetValue(entry.Id, out var op);
                BsonDocument? existing = null;
                if (pending) existing = op.Doc;
                else if (!isNew || careful) existing = store._ledger.FindById(entry.Id);

                var existingEntry = existing is null ? null : LedgerBson.FromDocument(existing);
                if (existingEntry is not null && !string.Equals(existingEntry.SourceKey, key, StringComparison.Ordinal))
                {
                    problem = $"ledger entry id '{entry.Id}' is already used by raw record '{existingEntry.SourceKey}'"
                              + (problem is null ? "" : "; " + problem);
                    newEntry = null;
                    hash = null;
                }
                else if (existingEntry is null || !existingEntry.Equals(entry))
                {
                    // Unseen ids of new records are inserted without a lookup; anything else is an upsert.
                    if (existingEntry is not null) _sums.Remove(existingEntry);
                    _sums.Add(entry);
                    _ledger[entry.Id] = (entryDoc!, isNew && !careful && !pending);
                    ledgerWritten = true;
                }
            }

            if (oldEntry is not null && !string.Equals(oldEntry, newEntry, StringComparison.Ordinal))
            {
                var replaced = _ledger.TryGetValue(oldEntry, out var queued) ? queued.Doc : store._ledger.FindById(oldEntry);
                if (replaced is not null) _sums.Remove(LedgerBson.FromDocument(replaced));
                _ledger[oldEntry] = (null, false);
            }

            if (!isNew && oldEntry is null && !oldDetail) _stats.Unmapped--;
            if (newEntry is null && !record.IsDetail) _stats.Unmapped++;

            var problemChanged = !string.Equals(oldProblem, problem, StringComparison.Ordinal);
            if (problemChanged || (isNew && problem is not null)) _flags[key] = problem;

            doc[N.Entry] = Ticks.Nullable(newEntry);
            doc[N.Problem] = Ticks.Nullable(problem);
            doc[N.EntryHash] = Ticks.Nullable(hash);
            if (record.IsDetail) doc[N.Detail] = true;
            else doc.Remove(N.Detail);
            return ledgerWritten || problemChanged || oldHash != hash || oldDetail != record.IsDetail
                   || !string.Equals(oldEntry, newEntry, StringComparison.Ordinal);
        }

        private void Write(string cursorKey, NodaTime.Instant now, NodaTime.Instant? lastAt)
        {
            if (_inserts.Count > 0) store._raw.Insert(_inserts.Values);
            if (_updates.Count > 0) store._raw.Update(_updates.Values);
            if (_versions.Count > 0) store._rawVersions.Insert(_versions);

            List<BsonDocument>? inserts = null, upserts = null;
            foreach (var (id, (doc, insertOnly)) in _ledger)
            {
                if (doc is null) store._ledger.Delete(id);
                else if (insertOnly) (inserts ??= []).Add(doc);
                else (upserts ??= []).Add(doc);
            }
            if (upserts is not null) store._ledger.Upsert(upserts);
            if (inserts is not null) store._ledger.Insert(inserts);
            if (_ledger.Count > 0 && store._cached) store.RaiseLedgerVersion();

            _sums.WriteTo(store._ledgerSums, store._meta);

            foreach (var (key, problem) in _flags)
            {
                if (problem is null) store._rawFlags.Delete(key);
                else store._rawFlags.Upsert(new BsonDocument { [N.Id] = key, [N.Problem] = problem });
            }

            var cursor = page.Cursor;
            store._cursors.Upsert(new BsonDocument
            {
                [N.Id] = cursorKey,
                [N.Account] = page.Account,
                [N.Stream] = page.Stream,
                [N.Last] = Ticks.Nullable(cursor is null ? _stats.Max : cursor.LastExternalId),
                [N.LastAt] = Ticks.Of(cursor is null ? lastAt : cursor.LastTimestamp),
                [N.Updated] = Ticks.Of(now),
                [N.Run] = page.RunId,
                [N.Records] = _stats.Records,
                [N.Unmapped] = _stats.Unmapped,
                [N.Versions] = _stats.Versions,
                [N.Max] = Ticks.Nullable(_stats.Max),
            });
        }
    }

    internal static bool IsDetail(BsonDocument raw) => raw.TryGetValue(N.Detail, out var d) && d.IsBoolean && d.AsBoolean;

    /// <summary>Counts of a stream kept in its cursor document.</summary>
    private sealed class StreamStats
    {
        public long Records, Unmapped, Versions;
        public long? Max;

        public static StreamStats From(BsonDocument? cursor) => cursor is null ? new StreamStats() : new StreamStats
        {
            Records = cursor[N.Records].AsInt64,
            Unmapped = cursor[N.Unmapped].AsInt64,
            Versions = cursor[N.Versions].AsInt64,
            Max = Ticks.ToNullableLong(cursor[N.Max]),
        };
    }
}

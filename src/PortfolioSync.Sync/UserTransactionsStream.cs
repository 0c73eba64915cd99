using System.Globalization;
using NodaTime;
using PortfolioSync.Bitstamp.Json;
using PortfolioSync.Bitstamp.Mapping;
using PortfolioSync.Bitstamp.Records;
using PortfolioSync.Domain.Warnings;
using PortfolioSync.Store;

namespace PortfolioSync.Sync;

/// <summary>
/// Pulls one account's <c>user_transactions</c> page by page from its cursor (with the overlap), and commits every
/// page in one store transaction: raw records as received, their ledger entries, flags for records that could not
/// be mapped, and the cursor. A crash between pages loses nothing; re-fetched records are idempotent.
/// </summary>
/// <remarks>
/// Paging that cannot lose a record (bitstamp-api.md §9): the API sorts by datetime and filters <c>since_id</c> by
/// id, and nothing says the two orders agree, so stepping <c>since_id</c> past a page's highest id could skip a record
/// with a smaller id and a later datetime. Instead <c>since_id</c> stays fixed and <c>offset</c> walks the sorted
/// list; only an empty page ends the stream (a short page is not proof of the end). Before the offset cap (200,000)
/// the window is re-anchored at the smallest id among the records of the last day seen, so only a record whose id
/// and datetime disagree by more than a day could slip, and re-fetched records cost nothing. Should a server ignore
/// <c>offset</c> (a whole page of records already seen in this run), paging falls back to stepping <c>since_id</c>.
/// </remarks>
internal sealed class UserTransactionsStream(StoreWorker store, SyncOptions options, ISyncProgress progress, string runId)
{
    private const int MaxOffset = 200_000;

    public async Task<StreamTotals> RunAsync(SyncAccount account, List<Warning> warnings, CancellationToken ct)
    {
        var totals = new StreamTotals();
        var sinceId = await store.RunAsync(s => StartId(s, account.Name), ct).ConfigureAwait(false);
        var offset = 0;
        var stepIds = false;
        var seen = new HashSet<long>();
        long? highest = null;
        var recent = new List<(Instant At, long Id)>();   // records of the newest day seen, for re-anchoring
        // The next page is fetched and mapped while the previous one commits on the store thread.
        (Task<PageCommitResult> Commit, TransactionPage Page, long? Highest)? pending = null;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var page = await account.Client.GetUserTransactionsPageAsync(sinceId, offset, options.PageLimit, ct).ConfigureAwait(false);
            var records = new List<PageRecord>(page.Records.Count);
            var fresh = 0;
            foreach (var record in page.Records)
            {
                records.Add(ToPageRecord(account.Name, record, warnings));
                if (record.Id is not { } id) { fresh++; continue; }
                if (seen.Add(id)) fresh++;
                if (highest is null || id > highest) highest = id;
                if (record.Value is { } v) recent.Add((v.At, id));
            }
            var commit = store.RunAsync(s => s.CommitPage(new PageCommit(account.Name, StreamNames.UserTransactions, runId, records,
                SameContent: CanonicalRecord.SameContent)), ct);
            if (pending is { } previous) await Committed(account.Name, previous.Commit, previous.Page, previous.Highest, totals, warnings).ConfigureAwait(false);
            pending = (commit, page, highest);
            if (page.Records.Count == 0) break;   // only an empty page is the end
            if (fresh == 0)
            {
                if (stepIds) break;
                stepIds = true;   // the server repeats itself: it ignores offset; step since_id instead
                sinceId = highest + 1;
                offset = 0;
                continue;
            }
            if (stepIds)
            {
                sinceId = highest + 1;
                continue;
            }
            offset += page.Records.Count;
            if (offset + options.PageLimit > MaxOffset)
            {
                sinceId = Anchor(recent) ?? highest + 1;
                offset = 0;
                recent.Clear();
            }
            else if (recent.Count > 4 * options.PageLimit)
            {
                var newest = recent.Max(r => r.At);
                recent.RemoveAll(r => r.At < newest - Duration.FromDays(1));
            }
        }
        await Committed(account.Name, pending.Value.Commit, pending.Value.Page, pending.Value.Highest, totals, warnings).ConfigureAwait(false);
        return totals;
    }

    // The smallest id among the records of the newest day seen: every record not yet seen is dated at or after them.
    private static long? Anchor(List<(Instant At, long Id)> recent)
    {
        if (recent.Count == 0) return null;
        var newest = recent.Max(r => r.At);
        return recent.Where(r => r.At >= newest - Duration.FromDays(1)).Min(r => r.Id);
    }

    private async Task Committed(string account, Task<PageCommitResult> commit, TransactionPage page, long? highest, StreamTotals totals, List<Warning> warnings)
    {
        var committed = await commit.ConfigureAwait(false);
        foreach (var key in committed.ChangedKeys)
            Warn(warnings, new Warning(WarningCode.ChangedRecord, Severity.Warning, account, key,
                $"{key} came back from Bitstamp with different content; both versions are kept (the newest is used)"));
        totals.Add(page.Records.Count, committed);
        progress.PageCommitted(new PageProgress(account, StreamNames.UserTransactions, totals.Pages, page.Records.Count,
            committed.Inserted, committed.Changed, committed.Unmapped, totals.Fetched, highest));
    }

    /// <summary>Where this run starts: from scratch (first run or --full), else the overlap before the cursor.</summary>
    private long? StartId(PortfolioStore store, string account)
    {
        if (options.Full) return null;
        var cursor = store.GetCursor(account, StreamNames.UserTransactions);
        if (cursor?.LastExternalId is not { } last) return null;
        var start = last + 1;
        if (cursor.LastTimestamp is { } at && options.Overlap > Duration.Zero)
        {
            foreach (var entry in store.ReadLedger(at - options.Overlap, at + Duration.FromTicks(1)))   // [from, to): include the cursor's own instant
                if (entry.Account == account && entry.ExternalId < start) start = entry.ExternalId;
        }
        return start;
    }

    private PageRecord ToPageRecord(string account, RawRecord<UserTransaction> record, List<Warning> warnings)
    {
        if (record.Value is { } value)
        {
            var mapping = LedgerMapper.Map(account, value);
            if (mapping.Warning is not { } w) return PageRecord.Mapped(mapping.Entry, record.RawJson);
            // Mapped (as an Unknown entry, say) but worth a look: the store lists it with the flagged records.
            Warn(warnings, w);
            return new PageRecord(mapping.Entry.ExternalId, record.RawJson, mapping.Entry, w.Message);
        }
        var malformed = record.Malformed!;
        Warn(warnings, LedgerMapper.Malformed(account, malformed));
        var id = malformed.Id ?? SyntheticId.Of(malformed.RawJson);
        return PageRecord.Unmapped(id, record.RawJson, $"malformed: field '{malformed.Field}': {malformed.Problem}");
    }

    private void Warn(List<Warning> warnings, Warning warning)
    {
        warnings.Add(warning);
        progress.Warning(warning);
    }
}

/// <summary>Running totals of one stream in one run.</summary>
internal sealed class StreamTotals
{
    public int Pages { get; private set; }
    public long Fetched { get; private set; }
    public long Inserted { get; private set; }
    public long Unchanged { get; private set; }
    public long Changed { get; private set; }
    public long Unmapped { get; private set; }

    public void Add(int fetched, PageCommitResult r)
    {
        Pages++;
        Fetched += fetched;
        Inserted += r.Inserted;
        Unchanged += r.Unchanged;
        Changed += r.Changed;
        Unmapped += r.Unmapped;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Fetched} fetched, {Inserted} new, {Changed} changed, {Unmapped} unmapped in {Pages} pages");
}

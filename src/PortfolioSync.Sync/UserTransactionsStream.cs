using System.Globalization;
using NodaTime;
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
internal sealed class UserTransactionsStream(StoreWorker store, SyncOptions options, ISyncProgress progress, string runId)
{
    public async Task<StreamTotals> RunAsync(SyncAccount account, List<Warning> warnings, CancellationToken ct)
    {
        var totals = new StreamTotals();
        var sinceId = await store.RunAsync(s => StartId(s, account.Name), ct).ConfigureAwait(false);
        // The next page is fetched and mapped while the previous one commits on the store thread.
        (Task<PageCommitResult> Commit, TransactionPage Page)? pending = null;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var page = await account.Client.GetUserTransactionsPageAsync(sinceId, options.PageLimit, ct).ConfigureAwait(false);
            var records = new List<PageRecord>(page.Records.Count);
            foreach (var record in page.Records) records.Add(ToPageRecord(account.Name, record, warnings));
            var commit = store.RunAsync(s => s.CommitPage(new PageCommit(account.Name, StreamNames.UserTransactions, runId, records)), ct);
            if (pending is { } previous) await Committed(account.Name, previous.Commit, previous.Page, totals, warnings).ConfigureAwait(false);
            pending = (commit, page);
            if (page.IsLast || page.NextSinceId is null) break;
            sinceId = page.NextSinceId;
        }
        await Committed(account.Name, pending.Value.Commit, pending.Value.Page, totals, warnings).ConfigureAwait(false);
        return totals;
    }

    private async Task Committed(string account, Task<PageCommitResult> commit, TransactionPage page, StreamTotals totals, List<Warning> warnings)
    {
        var committed = await commit.ConfigureAwait(false);
        foreach (var key in committed.ChangedKeys)
            Warn(warnings, new Warning(WarningCode.ChangedRecord, Severity.Warning, account, key,
                $"{key} came back from Bitstamp with different content; both versions are kept (the newest is used)"));
        totals.Add(page.Records.Count, committed);
        progress.PageCommitted(new PageProgress(account, StreamNames.UserTransactions, totals.Pages, page.Records.Count,
            committed.Inserted, committed.Changed, committed.Unmapped, totals.Fetched, page.NextSinceId - 1));
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

using PortfolioSync.Bitstamp;
using PortfolioSync.Bitstamp.Errors;
using PortfolioSync.Domain.Warnings;
using PortfolioSync.Store;

namespace PortfolioSync.Sync;

/// <summary>
/// One sync run (DESIGN.md §5): for every account, <c>user_transactions</c> page by page, then (main account)
/// <c>crypto_transactions</c>, then a balance snapshot reconciled with the ledger; then daily prices. One account's
/// failure does not stop the others. The run is recorded in the store with per-account counts and errors.
/// </summary>
public sealed class SyncEngine(PortfolioStore store, TimeProvider time, SyncOptions options, ISyncProgress? progress = null)
{
    private readonly ISyncProgress _progress = progress ?? SilentProgress.Instance;

    /// <param name="prices">A client for the public price endpoints (any account's client will do); null skips prices.</param>
    public async Task<SyncReport> RunAsync(IReadOnlyList<SyncAccount> accounts, IBitstampClient? prices, CancellationToken ct)
    {
        options.Validate();
        // The caller holds the sync lock, so a run still marked running was cut short (killed, power cut).
        foreach (var stale in store.ListRuns(20).Where(r => r.Status == RunStatus.Running))
            store.FinishRun(stale.Id, RunStatus.Failed, stale.Accounts,
                [.. stale.Errors, RunRecord.KilledError]);
        var run = store.StartRun();
        var results = new AccountSyncResult[accounts.Count];
        var worker = new StoreWorker(store, capacity: 2 * options.MaxParallelAccounts + 1);
        var workerDisposed = false;
        void StopWorker()
        {
            if (workerDisposed) return;
            workerDisposed = true;
            worker.Dispose();
        }
        try
        {
            using var gate = new SemaphoreSlim(options.MaxParallelAccounts);
            var tasks = accounts.Select(async (account, i) =>
            {
                await gate.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    var result = results[i] = await SyncAccountAsync(worker, account, run.Id, ct).ConfigureAwait(false);
                    // Recorded at once: a run killed later (in another account or the prices) still says what this one added.
                    if (!worker.IsStuck) await worker.RunAsync(s => s.RecordAccountResult(run.Id, ToRunResult(result)), ct).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
            }).ToList();
            await Task.WhenAll(tasks).ConfigureAwait(false);

            PriceSyncResult? priceResult = null;
            if (options.SyncPrices && prices is not null)
                priceResult = await SyncPricesAsync(worker, prices, ct).ConfigureAwait(false);
            // The ledger cache that whole-ledger reads use, brought up to date while the run still holds the lock (on the
            // store's thread, so a write that hangs after a write error is given up like a page's).
            if (!worker.IsStuck) await worker.RunAsync(s => s.RefreshLedgerCache(), ct).ConfigureAwait(false);
            StopWorker();

            var report = new SyncReport(run.Id, results, priceResult);
            var status = report.AllSucceeded ? RunStatus.Succeeded : results.All(r => !r.Succeeded) ? RunStatus.Failed : RunStatus.Partial;
            var errors = results.Where(r => r.Error is not null).Select(r => $"{r.Account}: {r.Error}").ToList();
            if (priceResult?.Error is { } pe) errors.Add("prices: " + pe);
            store.FinishRun(run.Id, status,
                results.Select(ToRunResult).ToList(),
                errors);
            return report;
        }
        catch (OperationCanceledException) when (!worker.IsStuck)
        {
            StopWorker();
            store.FinishRun(run.Id, RunStatus.Failed,
                results.Where(r => r is not null).Select(ToRunResult).ToList(),
                [RunRecord.StoppedError]);
            throw;
        }
        finally
        {
            StopWorker();
        }
    }

    private static AccountRunResult ToRunResult(AccountSyncResult r) =>
        new(r.Account, r.Inserted, r.Unchanged, r.Changed, r.Unmapped, r.Error);

    private async Task<AccountSyncResult> SyncAccountAsync(StoreWorker worker, SyncAccount account, string runId, CancellationToken ct)
    {
        _progress.AccountStarted(account.Name);
        var warnings = new List<Warning>();
        var totals = new StreamTotals();
        string? error = null;
        var isAuth = false;
        try
        {
            totals = await new UserTransactionsStream(worker, options, _progress, runId).RunAsync(account, warnings, ct).ConfigureAwait(false);
            if (account.IsMain) await SyncCryptoTransactionsAsync(worker, account, runId, warnings, ct).ConfigureAwait(false);
            await new BalanceStream(worker, options, time, runId).RunAsync(account, warnings, _progress, ct).ConfigureAwait(false);
        }
        catch (BitstampApiException e)
        {
            error = e.Message;
            isAuth = e.IsAuthProblem;
        }
        var requests = account.Client is BitstampClient client ? client.Statistics.Requests : 0;
        if (account.Client is BitstampClient c && c.Statistics.SignatureMismatches is > 0 and var mismatched)
        {
            var w = new Warning(WarningCode.ResponseSignature, Severity.Warning, account.Name, null, string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"account '{account.Name}': {mismatched} answers carried an X-Server-Auth-Signature that did not match the secret; they were used (responseSignature: warn). Set responseSignature to strict to refuse them, or off to stop checking"));
            warnings.Add(w);
            _progress.Warning(w);
        }
        var result = new AccountSyncResult(account.Name, totals.Fetched, totals.Inserted, totals.Unchanged, totals.Changed,
            totals.Unmapped, totals.Pages, requests, warnings, error, isAuth);
        _progress.AccountFinished(result);
        return result;
    }

    private async Task SyncCryptoTransactionsAsync(StoreWorker worker, SyncAccount account, string runId, List<Warning> warnings, CancellationToken ct)
    {
        try
        {
            await new CryptoTransactionsStream(worker, _progress, runId).RunAsync(account, warnings, ct).ConfigureAwait(false);
        }
        catch (BitstampApiException e) when (e.Kind == BitstampErrorKind.MissingPermission)
        {
            // Optional detail: without the permission the ledger is still complete (it comes from user_transactions).
            var w = new Warning(WarningCode.MissingPermission, Severity.Info, account.Name, null,
                "crypto_transactions skipped: the key lacks the permission to read crypto transactions (network details of deposits and withdrawals); the ledger is complete without them");
            warnings.Add(w);
            _progress.Warning(w);
        }
    }

    private async Task<PriceSyncResult> SyncPricesAsync(StoreWorker worker, IBitstampClient client, CancellationToken ct)
    {
        try
        {
            return await new PriceStream(worker, options, time, _progress).RunAsync(client, ct).ConfigureAwait(false);
        }
        catch (BitstampApiException e)
        {
            return new PriceSyncResult(0, 0, 0, [], e.Message);
        }
    }
}

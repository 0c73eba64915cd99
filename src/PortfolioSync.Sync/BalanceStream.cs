using System.Globalization;
using NodaTime;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Warnings;
using PortfolioSync.Store;

namespace PortfolioSync.Sync;

/// <summary>
/// Snapshots an account's balances and reconciles them with the balances computed from its ledger (every entry's
/// legs minus its fee). A difference above dust is a <c>reconciliation</c> warning naming account, asset and both
/// numbers: a record may be missing, or a type may be mapped wrongly.
/// </summary>
internal sealed class BalanceStream(StoreWorker store, SyncOptions options, TimeProvider time, string runId)
{
    public async Task RunAsync(SyncAccount account, List<Warning> warnings, ISyncProgress progress, CancellationToken ct)
    {
        var rows = await account.Client.GetBalancesAsync(ct).ConfigureAwait(false);
        var ledger = await store.RunAsync(s => s.GetLedgerBalances(account.Name), ct).ConfigureAwait(false);
        var snapshot = new List<BalanceRow>();
        foreach (var row in rows)
        {
            if (row.Value is not { } b)
            {
                var w = new Warning(WarningCode.MalformedRecord, Severity.Warning, account.Name, null,
                    $"a balance row could not be read ({row.Malformed}); it is left out of the snapshot");
                warnings.Add(w);
                progress.Warning(w);
                continue;
            }
            if (b.Total != 0 || b.Available != 0 || b.Reserved != 0 || ledger.ContainsKey(b.Currency))
                snapshot.Add(new BalanceRow(b.Currency, b.Total, b.Available, b.Reserved));
        }
        var at = Instant.FromDateTimeOffset(time.GetUtcNow());
        await store.RunAsync(s => s.WriteBalances(account.Name, runId, at, snapshot), ct).ConfigureAwait(false);

        foreach (var w in BalanceReconciler.Reconcile(account.Name, snapshot, ledger, options.Dust))
        {
            warnings.Add(w);
            progress.Warning(w);
        }
    }
}

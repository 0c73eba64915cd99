using System.Globalization;
using PortfolioSync.Domain.Warnings;
using PortfolioSync.Store;

namespace PortfolioSync.Sync;

/// <summary>
/// The warnings a store carries, worked out again from what it holds (no scan of the ledger): flagged records
/// (malformed, or mapped with a problem such as an unknown type), records that changed upstream, and each account's
/// latest balance snapshot against its ledger sums. Used by <c>status</c>, reports and the demo.
/// </summary>
public static class StoreWarnings
{
    public static IReadOnlyList<Warning> Collect(PortfolioStore store, decimal dust = 0.00000001m)
    {
        var warnings = new List<Warning>();
        foreach (var raw in store.ListFlagged())
        {
            var code = raw.EntryId is null ? WarningCode.MalformedRecord : WarningCode.UnknownRecord;
            var what = raw.EntryId is null ? "kept raw, not in the ledger" : "in the ledger without asset movements";
            warnings.Add(new Warning(code, Severity.Warning, raw.Account, raw.EntryId ?? raw.Key, $"{raw.Key}: {raw.Problem} ({what})"));
        }
        foreach (var key in store.ListChangedKeys())
        {
            var versions = store.GetVersions(key).Count;
            RawKey.TryParse(key, out var account, out _, out _);
            warnings.Add(new Warning(WarningCode.ChangedRecord, Severity.Warning, account, key, string.Create(CultureInfo.InvariantCulture,
                $"{key} came back from Bitstamp with different content; {versions} versions are kept and the newest is used")));
        }
        foreach (var account in store.CountRecords().Select(c => c.Account).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (store.GetLatestBalances(account) is not { } snapshot) continue;
            warnings.AddRange(BalanceReconciler.Reconcile(account, snapshot.Rows, store.GetLedgerBalances(account), dust));
        }
        return warnings;
    }
}

using System.Globalization;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Warnings;
using PortfolioSync.Store;

namespace PortfolioSync.Sync;

/// <summary>Compares an exchange balance snapshot with the balances the ledger adds up to.</summary>
public static class BalanceReconciler
{
    /// <summary>Pure comparison of an exchange snapshot with ledger sums.</summary>
    public static IEnumerable<Warning> Reconcile(string account, IReadOnlyList<BalanceRow> exchange, IReadOnlyDictionary<Asset, decimal> ledger, decimal dust)
    {
        var assets = exchange.Select(r => r.Asset).Union(ledger.Keys).Order();
        foreach (var asset in assets)
        {
            var onExchange = exchange.FirstOrDefault(r => r.Asset == asset)?.Total ?? 0m;
            var inLedger = ledger.GetValueOrDefault(asset);
            var difference = onExchange - inLedger;
            if (Math.Abs(difference) <= dust) continue;
            yield return new Warning(WarningCode.Reconciliation, Severity.Warning, account, null, string.Create(CultureInfo.InvariantCulture,
                $"{asset}: Bitstamp says {DecimalText.Format(onExchange)}, the ledger adds up to {DecimalText.Format(inLedger)} (difference {DecimalText.Format(difference)}); a record may be missing or mapped wrongly"));
        }
    }
}

using NodaTime;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Pricing;

namespace PortfolioSync.Domain.Valuation;

/// <summary>
/// Portfolio value over time: one pass over the sorted ledger with a running balance per account and asset,
/// valued at the end of every day. Balances move by legs minus fee; staking locks and unlocks move nothing (the
/// asset is still held); unknown entries are skipped (already reported at sync). Staking that credits another asset
/// (ETH → ETH2, ETH2R rewards) is read as the cost basis engine reads it (<see cref="CostBasis.StakingConversions"/>),
/// so a day's holdings are the engine's pools. Pure and deterministic.
/// </summary>
public static class ValueSeries
{
    public static ValueSeriesResult Compute(IReadOnlyList<LedgerEntry> ledger, PriceBook prices, ValueSeriesOptions o)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(o);
        if (o.To < o.From) throw new ArgumentException($"the series ends ({o.To:uuuu-MM-dd}) before it starts ({o.From:uuuu-MM-dd})", nameof(o));

        // Staking conversions are found on the whole ledger (as the engine does), then the account is taken.
        var read = CostBasis.StakingConversions.Apply(ledger, o.StakingConversionsAreDisposals);
        var sorted = LedgerOrder.Sort(o.Account is null ? read : read.Where(e => e.Account == o.Account));
        var balances = new Dictionary<(string Account, Asset Asset), decimal>();
        var keys = new List<(string Account, Asset Asset)>();
        var warnings = new PriceWarnings("the holding has no value on those days and is left out of the day's total");
        var points = new List<ValuePoint>();
        var totals = new List<DailyTotal>();
        var priceOfDay = new Dictionary<Asset, Conversion>();
        var next = 0;

        for (var date = o.From; date <= o.To; date = date.PlusDays(1))
        {
            var end = date.PlusDays(1).AtStartOfDayInZone(o.Zone).ToInstant();
            var added = false;
            for (; next < sorted.Count && sorted[next].At < end; next++)
                added |= Apply(sorted[next], balances, keys);
            if (added) keys.Sort((a, b) => a.Account != b.Account ? string.CompareOrdinal(a.Account, b.Account) : a.Asset.CompareTo(b.Asset));

            priceOfDay.Clear();
            decimal total = 0m;
            var unpriced = 0;
            foreach (var key in keys)
            {
                var quantity = balances[key];
                if (quantity == 0m) continue;
                if (!priceOfDay.TryGetValue(key.Asset, out var c))
                    priceOfDay[key.Asset] = c = prices.Convert(key.Asset, o.Currency, date);
                if (warnings.Record(c, key.Account, null))
                {
                    var value = c.Apply(quantity);
                    total += value;
                    points.Add(new ValuePoint(date, key.Account, key.Asset, quantity, c.Rate, value, c.IsGapFilled));
                }
                else
                {
                    unpriced++;
                    points.Add(new ValuePoint(date, key.Account, key.Asset, quantity, null, null, false));
                }
            }
            totals.Add(new DailyTotal(date, total, unpriced));
        }
        return new ValueSeriesResult(points, totals, warnings.ToWarnings().ToList());
    }

    /// <summary>Applies one entry; true when it created a new (account, asset) key.</summary>
    private static bool Apply(LedgerEntry e, Dictionary<(string, Asset), decimal> balances, List<(string Account, Asset Asset)> keys)
    {
        if (e.Kind == EntryKind.Unknown) return false;
        var added = false;
        if (e.Kind is not (EntryKind.StakingLock or EntryKind.StakingUnlock))
            foreach (var leg in e.Legs)
                added |= Add(e.Account, leg.Asset, leg.Quantity, balances, keys);
        if (e.Fee is { Amount: > 0m } fee) added |= Add(e.Account, fee.Asset, -fee.Amount, balances, keys);
        return added;
    }

    private static bool Add(string account, Asset asset, decimal quantity, Dictionary<(string, Asset), decimal> balances, List<(string Account, Asset Asset)> keys)
    {
        ref var balance = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(balances, (account, asset), out var existed);
        balance += quantity;
        if (existed) return false;
        keys.Add((account, asset));
        return true;
    }
}

using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Pricing;

namespace PortfolioSync.Domain.CostBasis;

/// <summary>
/// Cost basis, gains, income and holdings from a ledger (DESIGN.md §3; rules in docs/cost-basis.md). Pure and
/// deterministic: the ledger is sorted by <see cref="LedgerOrder"/> first, so input order does not matter. Full
/// decimal precision throughout; nothing is rounded. Problems become warnings, never exceptions or silent zeros.
/// </summary>
public static class CostBasisEngine
{
    public static CostBasisResult Run(IReadOnlyList<LedgerEntry> ledger, PriceBook prices, CostBasisOptions options)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(options);

        var sorted = LedgerOrder.Sort(StakingConversions.Apply(ledger, options));
        var builder = new PoolEventBuilder(options, prices, sorted);
        foreach (var entry in sorted) builder.Add(entry);
        builder.Finish();

        var ukDays = options.Method == CostBasisMethod.Uk ? UkIdentification.Identify(builder.Events, options.Zone) : null;
        var matcher = new LotMatcher(options, ukDays, builder.Events);
        matcher.Run();
        var final = matcher.Snapshot(sorted.Count > 0 ? sorted[^1].At : default);

        var warnings = builder.Warnings.Concat(matcher.Warnings).Concat(builder.PriceWarnings.ToWarnings()).ToList();
        return new CostBasisResult(options, matcher.Disposals, builder.Income, final.Holdings, final.External,
            matcher.Snapshots, matcher.FeeRemovals, warnings)
        {
            Allocations = matcher.Allocations,
            Derivatives = builder.Derivatives,
        };
    }
}

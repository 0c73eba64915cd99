using NodaTime;
using PortfolioSync.Reports.Model;

namespace PortfolioSync.Reports.Dashboard;

/// <summary>
/// Everything the dashboard page shows, already computed and unrounded: the value series (the model of
/// <c>value.csv</c>), the holdings at <see cref="AsOf"/> (the model of the dashboard's <c>holdings.csv</c>), the tax
/// report of every tax year (its summary total and income), the last sync of each account and the open warnings.
/// Holds no wall-clock time. Immutable.
/// </summary>
/// <param name="AsOf">The day the holdings and the headline figures are for: the last day of the value series.</param>
/// <param name="Holdings">Ordered by pool, then asset (as <c>holdings.csv</c>).</param>
/// <param name="Years">One tax report per tax year, oldest first.</param>
/// <param name="Warnings">The series' and every year's warnings, once each, in <c>warnings.csv</c> order.</param>
public sealed record DashboardReport(
    LocalDate AsOf,
    ValueReport Value,
    IReadOnlyList<HoldingRow> Holdings,
    IReadOnlyList<TaxReport> Years,
    IReadOnlyList<SyncStatus> Syncs,
    IReadOnlyList<WarningRow> Warnings)
{
    /// <summary>Sum of the known market values of <see cref="Holdings"/>; null when none is known.</summary>
    public decimal? HoldingsValue => Holdings.Any(h => h.MarketValue is not null) ? Holdings.Sum(h => h.MarketValue ?? 0m) : null;
}

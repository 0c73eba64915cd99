using NodaTime;
using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Pricing;
using PortfolioSync.Domain.Tax;
using PortfolioSync.Domain.Warnings;
using PortfolioSync.Reports.Model;

namespace PortfolioSync.Reports.Building;

/// <summary>
/// The one tax-year function: ledger + prices + options + the years asked for → one <see cref="TaxReport"/> per
/// year. Pure (no I/O, no clock). It owns the year-end holdings snapshots (<see cref="TaxReportBuilder.SnapshotInstant"/>
/// of each year replaces whatever <see cref="CostBasisOptions.SnapshotAt"/> held) and runs the engine once over the
/// whole ledger, so the UK 30-day rule sees past each year end and every year's figures are those of one run.
/// The same ledger, prices, options and year give the same report whether it is asked for alone or among others.
/// </summary>
public static class TaxYearReports
{
    /// <param name="ledger">The whole ledger (the engine orders it).</param>
    /// <param name="prices">Prices for valuation and holdings.</param>
    /// <param name="options">Engine options; their tax year rule must be the years' rule.</param>
    /// <param name="years">The tax years to report, in the order the reports are returned.</param>
    /// <param name="settings">Jurisdiction extras and the input description.</param>
    /// <param name="extraWarnings">Warnings from elsewhere (sync, store, price loading), included in every year.</param>
    /// <exception cref="ArgumentException">A year follows another tax year rule than <paramref name="options"/>.</exception>
    public static IReadOnlyList<TaxReport> Build(
        IReadOnlyList<LedgerEntry> ledger,
        PriceBook prices,
        CostBasisOptions options,
        IReadOnlyList<TaxYear> years,
        TaxReportSettings settings,
        IReadOnlyList<Warning>? extraWarnings = null)
    {
        ArgumentNullException.ThrowIfNull(years);
        return years.Count == 0 ? [] : Run(ledger, prices, options, years, settings, extraWarnings, []).Reports;
    }

    /// <summary>The reports of <see cref="Build"/> and the engine run they come from, with holdings snapshots also
    /// at <paramref name="alsoSnapshotAt"/> (the dashboard's day). A snapshot adds holdings to the result and changes
    /// no figure of any year.</summary>
    /// <exception cref="ArgumentException">A year follows another tax year rule than <paramref name="options"/>.</exception>
    public static TaxYearRun Run(
        IReadOnlyList<LedgerEntry> ledger,
        PriceBook prices,
        CostBasisOptions options,
        IReadOnlyList<TaxYear> years,
        TaxReportSettings settings,
        IReadOnlyList<Warning>? extraWarnings,
        IReadOnlyList<Instant> alsoSnapshotAt)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(years);
        ArgumentNullException.ThrowIfNull(alsoSnapshotAt);
        foreach (var y in years)
            if (y.Rule != options.TaxYearRule)
                throw new ArgumentException($"tax year {y.Label} follows rule {y.Rule}, but the options say {options.TaxYearRule}", nameof(years));
        var snapshots = years.Select(y => TaxReportBuilder.SnapshotInstant(y, options.Zone)).Concat(alsoSnapshotAt).Distinct().ToList();
        var result = CostBasisEngine.Run(ledger, prices, options with { SnapshotAt = snapshots });
        return new TaxYearRun(years.Select(y => TaxReportBuilder.Build(ledger, prices, result, y, settings, extraWarnings)).ToList(), result);
    }

    /// <summary>The reports of <see cref="Run"/>, one per year asked for, and the engine result they were built from.</summary>
    public sealed record TaxYearRun(IReadOnlyList<TaxReport> Reports, CostBasisResult Result);

    /// <summary>Every tax year from that of the earliest ledger entry to that of the latest (none for an empty ledger).</summary>
    public static IReadOnlyList<TaxYear> Spanning(IReadOnlyList<LedgerEntry> ledger, CostBasisOptions options)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(options);
        if (ledger.Count == 0) return [];
        var first = ledger.Min(e => e.At);
        var last = ledger.Max(e => e.At);
        var from = TaxYear.Containing(first, options.Zone, options.TaxYearRule).StartYear;
        var to = TaxYear.Containing(last, options.Zone, options.TaxYearRule).StartYear;
        return Enumerable.Range(from, to - from + 1).Select(y => new TaxYear(y, options.TaxYearRule)).ToList();
    }
}

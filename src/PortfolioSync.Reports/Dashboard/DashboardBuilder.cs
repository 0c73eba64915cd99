using System.Globalization;
using NodaTime;
using NodaTime.Text;
using PortfolioSync.Domain;
using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Pricing;
using PortfolioSync.Domain.Tax;
using PortfolioSync.Domain.Valuation;
using PortfolioSync.Domain.Warnings;
using PortfolioSync.Reports.Building;
using PortfolioSync.Reports.Model;

namespace PortfolioSync.Reports.Dashboard;

/// <summary>
/// Builds a <see cref="DashboardReport"/> from the ledger and prices with the same builders as the CSV/XLSX reports:
/// <see cref="ValueReportBuilder"/> for the value series, the one tax-year function (<see cref="TaxYearReports.Run"/>)
/// for each tax year, and that run's snapshot at the end of the last day for today's holdings. The engine runs once,
/// with the same year-end snapshots as <c>report</c> plus one at the end of the dashboard's day (which changes no
/// figure), so every year's figures equal those of <c>report --year</c>. Pure.
/// </summary>
public static class DashboardBuilder
{
    /// <param name="costBasis">Method, scope, base currency, zone, tax year rule, fiat set and manual costs;
    /// snapshots are set here.</param>
    /// <param name="from">First day of the value series.</param>
    /// <param name="asOf">Last day of the value series: the day of the holdings and headline figures.</param>
    public static DashboardReport Build(
        IReadOnlyList<LedgerEntry> ledger,
        PriceBook prices,
        CostBasisOptions costBasis,
        TaxReportSettings settings,
        LocalDate from,
        LocalDate asOf,
        IReadOnlyList<SyncStatus> syncs,
        IReadOnlyList<Warning>? extraWarnings = null)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(costBasis);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(syncs);
        if (asOf < from) throw new ArgumentException($"the dashboard would end ({Iso(asOf)}) before it starts ({Iso(from)})", nameof(asOf));
        var zone = costBasis.Zone;
        var years = TaxYears(ledger, asOf, zone, costBasis.TaxYearRule);
        var end = ValueReportBuilder.EndOfDay(asOf, zone);
        var series = new ValueSeriesOptions(from, asOf, costBasis.BaseCurrency, zone);
        ValueSeriesResult? values = null;
        TaxYearReports.TaxYearRun? run = null;
        Parallel.Invoke(
            () => values = ValueSeries.Compute(ledger, prices, series with { StakingConversionsAreDisposals = costBasis.StakingConversionsAreDisposals }),
            () => run = TaxYearReports.Run(ledger, prices, costBasis, years, settings, extraWarnings, [end]));

        var (reports, result) = (run!.Reports, run.Result);
        var value = ValueReportBuilder.Build(values!, series, result, prices, settings.GeneratedFrom, extraWarnings);
        var own = new List<Warning>();
        var snapshot = result.Snapshots.First(s => s.At == end);
        var holdings = snapshot.Holdings.Select(h => Holding(h.Pool, h, asOf, costBasis.BaseCurrency, prices, own))
            .Concat(snapshot.External.Select(h => Holding(TaxReportBuilder.ExternalPool(h.Pool), h, asOf, costBasis.BaseCurrency, prices, own)))
            .OrderBy(h => h.Pool, StringComparer.Ordinal).ThenBy(h => h.Asset)
            .ToList();
        foreach (var h in holdings.Where(h => h.Price is null))
            own.Add(new Warning(WarningCode.MissingPrice, Severity.Warning, null, null, string.Create(CultureInfo.InvariantCulture,
                $"No {costBasis.BaseCurrency.Code} price for {h.Asset.Code} on {Iso(asOf)}: market_value and unrealized_gain of "
                + $"{DecimalText.Format(h.Quantity)} {h.Asset.Code} in pool {h.Pool} are left empty.")));
        var warnings = WarningRow.Sort(value.Warnings.Concat(reports.SelectMany(r => r.Warnings))
            .Concat(own.Select(WarningRow.From))
            .Where(w => w.Code != WarningRow.NoDataCode)
            .Distinct());
        return new DashboardReport(asOf, value, holdings, reports, syncs, warnings);
    }

    /// <summary>Every tax year from the first ledger entry's to the one holding <paramref name="asOf"/>.</summary>
    private static List<TaxYear> TaxYears(IReadOnlyList<LedgerEntry> ledger, LocalDate asOf, DateTimeZone zone, TaxYearRule rule)
    {
        var last = TaxYear.Containing(asOf, rule);
        var first = ledger.Count == 0 ? last : TaxYear.Containing(ledger.Min(e => e.At), zone, rule);
        if (first.StartYear > last.StartYear) first = last;
        return Enumerable.Range(first.StartYear, last.StartYear - first.StartYear + 1).Select(y => new TaxYear(y, rule)).ToList();
    }

    private static HoldingRow Holding(string pool, Holding h, LocalDate day, Asset currency, PriceBook prices, List<Warning> warnings)
    {
        var c = prices.Convert(h.Asset, currency, day);
        if (c.IsGapFilled)
            warnings.Add(new Warning(WarningCode.PriceGapFilled, Severity.Warning, null, null, string.Create(CultureInfo.InvariantCulture,
                $"holdings on {Iso(day)}: no {h.Asset}->{currency} candle of that day; the last known close was used ({c.Describe()})")));
        return new HoldingRow(pool, h.Asset, h.Quantity, h.Cost, c.IsFound ? c.Rate : null) { CostKnown = h.CostKnown };
    }

    private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);
}

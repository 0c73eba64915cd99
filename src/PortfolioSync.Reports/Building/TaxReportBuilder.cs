using System.Globalization;
using NodaTime;
using NodaTime.Text;
using PortfolioSync.Domain;
using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Pricing;
using PortfolioSync.Domain.Tax;
using PortfolioSync.Domain.Warnings;
using PortfolioSync.Reports.Model;

namespace PortfolioSync.Reports.Building;

/// <summary>
/// Turns one run of the cost basis engine into the <see cref="TaxReport"/> of one tax year. Pure: no I/O, no clock.
/// Every amount is passed on exactly as the engine computed it (nothing is rounded here).
/// <list type="bullet">
/// <item>Disposals dated in the year (date in the engine's zone): one row per matched lot, with the lot's gross
/// proceeds, fees and cost.</item>
/// <item>Income received in the year.</item>
/// <item>Holdings from the engine's snapshot at <see cref="SnapshotInstant"/> (pools, plus what left through
/// withdrawals as pool <c>external</c>, or <c>external:{account}</c> under per-account scope), priced with the close
/// of the year's last day (UTC candle); no price leaves the price empty (the report warns), a carried-forward close
/// gives a <c>price-gap-filled</c> warning.</item>
/// <item>Transactions dated in the year, with leg and fee values in the base currency where a price exists
/// (<see cref="LegValuation"/>).</item>
/// <item>Warnings: the engine's warnings about entries up to the end of the year (under the UK method up to 30 days
/// after it, since the 30-day rule looks past the year end) and those tied to no entry, plus
/// <c>extraWarnings</c> (all of them), plus the builder's own; the report removes duplicates and sorts them.</item>
/// </list>
/// </summary>
public static class TaxReportBuilder
{
    /// <summary>
    /// The instant of the year-end holdings snapshot: the last instant of the year's last day in
    /// <paramref name="zone"/> (one tick before the next year starts). Pass it in
    /// <see cref="CostBasisOptions.SnapshotAt"/> before running the engine.
    /// </summary>
    public static Instant SnapshotInstant(TaxYear year, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return year.InZone(zone).End - Duration.Epsilon;
    }

    /// <param name="ledger">The ledger the engine ran over (any order).</param>
    /// <param name="prices">The price book the engine used.</param>
    /// <param name="result">The engine's result; its options must hold <see cref="SnapshotInstant"/> of
    /// <paramref name="year"/> and the same tax year rule.</param>
    /// <param name="extraWarnings">Warnings from elsewhere (sync, store, price loading), all included.</param>
    /// <exception cref="ArgumentException">The result has no year-end snapshot, or another tax year rule.</exception>
    public static TaxReport Build(
        IReadOnlyList<LedgerEntry> ledger,
        PriceBook prices,
        CostBasisResult result,
        TaxYear year,
        TaxReportSettings settings,
        IReadOnlyList<Warning>? extraWarnings = null)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(settings);
        var o = result.Options;
        if (year.Rule != o.TaxYearRule)
            throw new ArgumentException($"tax year {year.Label} follows rule {year.Rule}, but the engine ran with {o.TaxYearRule}", nameof(year));
        var end = SnapshotInstant(year, o.Zone);
        var snapshotIndex = IndexOf(o.SnapshotAt, end);
        if (snapshotIndex < 0)
            throw new ArgumentException(
                $"the engine ran without a snapshot at the end of tax year {year.Label} ({InstantPattern.ExtendedIso.Format(end)}): "
                + "add TaxReportBuilder.SnapshotInstant(year, zone) to CostBasisOptions.SnapshotAt", nameof(result));
        var interval = year.InZone(o.Zone);
        var context = new ReportContext(year, settings.Jurisdiction, o.Method, o.Scope, o.BaseCurrency,
            o.Zone.Id, settings.GeneratedFrom);
        var usTerms = settings.Jurisdiction.ReportsHoldingTerm;

        var disposals = result.Disposals
            .Where(d => interval.Contains(d.At))
            .SelectMany(d => d.Lots.Select(lot => new DisposalRow(d.Id, d.Account, d.Asset, d.At, lot.Quantity,
                lot.Proceeds, lot.Cost, lot.Fees, lot.AcquiredAt, lot.LotId, lot.Rule,
                usTerms ? DomainText.Term(lot.Term) : null)
            {
                ProceedsKnown = d.ProceedsKnown,
                FeesKnown = d.FeesKnown,
                CostFlags = lot.CostFlags,
            }))
            .ToList();

        var income = result.Income
            .Where(i => interval.Contains(i.ReceivedAt))
            .Select(i => new IncomeRow(i.ReceivedAt, i.Account, i.Asset, i.Quantity, i.ValueKnown ? i.Value : null,
                DomainText.Income(i.Kind), i.EntryId))
            .ToList();

        var own = new List<Warning>();
        var snapshot = result.Snapshots[snapshotIndex];
        var holdings = snapshot.Holdings.Select(h => Holding(h.Pool, h, year, o.BaseCurrency, prices, own))
            .Concat(snapshot.External.Select(h => Holding(ExternalPool(h.Pool), h, year, o.BaseCurrency, prices, own)))
            .ToList();

        var valuation = new LegValuation(prices, o.BaseCurrency, o.FiatSet);
        var transactions = new List<TransactionRow>();
        foreach (var e in ledger)
        {
            if (!interval.Contains(e.At)) continue;
            var (legs, fee) = valuation.Value(e);
            transactions.AddRange(TransactionRow.FromEntry(e, legs, fee));
        }
        own.AddRange(valuation.Warnings());

        var times = new Dictionary<string, Instant>(ledger.Count, StringComparer.Ordinal);
        foreach (var e in ledger) times.TryAdd(e.Id, e.At);
        var warnings = RelevantEngineWarnings(times, result, interval.End)
            .Concat(extraWarnings ?? [])
            .Concat(own)
            .Select(w => WarningRow.From(w, times));
        var derivatives = result.Derivatives.Where(d => interval.Contains(d.At))
            .Select(d => new DerivativeRow(d.At, d.Account, d.Asset, d.Quantity, d.ValueKnown ? d.Value : null, d.EntryId));
        var allocations = result.Allocations.Where(a => year.Contains(a.Date))
            .Select(a => new AllocationRow(a.Date, a.Asset, a.Account, a.LotId, a.AcquiredAt, a.Quantity,
                (a.CostFlags & CostFlags.Unknown) == 0 ? a.Cost : null));
        var report = new TaxReport(context, disposals, income, holdings, transactions, warnings, settings.Value, derivatives, allocations);
        // Country files (de, nl, es, fr) read the report's holdings; their own warnings join the report's.
        if (Country.CountryReportBuilder.Build(report, ledger, prices, result) is not { } country) return report;
        if (country.Warnings.Count > 0)
            report = new TaxReport(context, disposals, income, holdings, transactions,
                report.Warnings.Concat(country.Warnings.Select(w => WarningRow.From(w, times))), settings.Value, derivatives, allocations);
        report.Country = country;
        return report;
    }

    /// <summary>The pool name of lots that left through withdrawals: <c>external</c>, or <c>external:{account}</c>.</summary>
    public static string ExternalPool(string pool) =>
        pool == PoolScopeText.UniversalPool ? "external" : "external:" + pool;

    private static HoldingRow Holding(string pool, Holding h, TaxYear year, Asset currency, PriceBook prices, List<Warning> warnings)
    {
        var c = prices.Convert(h.Asset, currency, year.End);
        if (c.IsGapFilled)
            warnings.Add(new Warning(WarningCode.PriceGapFilled, Severity.Warning, null, null, string.Create(CultureInfo.InvariantCulture,
                $"holdings at the end of tax year {year.Label}: no {h.Asset}->{currency} candle of {Iso(year.End)}; the last known close was used ({c.Describe()})")));
        return new HoldingRow(pool, h.Asset, h.Quantity, h.Cost, c.IsFound ? c.Rate : null) { CostKnown = h.CostKnown };
    }

    private static IEnumerable<Warning> RelevantEngineWarnings(Dictionary<string, Instant> at, CostBasisResult result, Instant yearEnd)
    {
        // The UK 30-day rule lets acquisitions up to 30 days after the year end shape the year's gains
        // (the year end is the start of the next year's first day, so day +30 ends one day later still).
        var horizon = result.Options.Method == CostBasisMethod.Uk ? yearEnd + Duration.FromDays(UkRules.BedAndBreakfastDays + 1) : yearEnd;
        return result.Warnings.Where(w => w.EntryId is null || !at.TryGetValue(w.EntryId, out var when) || when < horizon);
    }

    private static int IndexOf(IReadOnlyList<Instant> list, Instant value)
    {
        for (var i = 0; i < list.Count; i++)
            if (list[i] == value) return i;
        return -1;
    }

    private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);
}

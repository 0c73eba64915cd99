using System.Globalization;
using NodaTime;
using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Pricing;
using PortfolioSync.Domain.Valuation;
using PortfolioSync.Domain.Warnings;

namespace PortfolioSync.Domain.Tax.Netherlands;

/// <summary>
/// Dutch Box 3 (Wet IB 2001, hoofdstuk 5; Wet rechtsherstel box 3 and the rebuttal scheme, tegenbewijsregeling): the
/// holdings on the exchange at 1 January 00:00 Europe/Amsterdam of the year and of the next year, per account and in
/// total, with the year's income and net inflows, so the actual return can be set beside the deemed one. Holdings
/// come from the value series (balances of every asset, fiat included, after every entry before the moment; the
/// close of the day before), so both use one price book. Pure.
/// </summary>
public static class Box3
{
    /// <summary>The account name of the rows that sum all accounts.</summary>
    public const string TotalAccount = "total";

    /// <summary>
    /// Deemed return on other assets (overige bezittingen, art. 5.2 Wet IB 2001 as amended): the one rate this
    /// project checked against a source (6.04 % for 2024). Other years are left empty rather than guessed.
    /// </summary>
    public static decimal? DeemedRate(int year) => year switch
    {
        2024 => 0.0604m,
        _ => null,
    };

    /// <summary>Holdings at 1 January 00:00 of <paramref name="year"/> in <paramref name="zone"/>: the value series'
    /// day of 31 December of the year before.</summary>
    public static (IReadOnlyList<Box3Holding> Rows, IReadOnlyList<Warning> Warnings) HoldingsAt(
        int year, IReadOnlyList<LedgerEntry> ledger, PriceBook prices, Asset currency, DateTimeZone zone)
    {
        var day = new LocalDate(year - 1, 12, 31);
        var reference = new LocalDate(year, 1, 1);
        var series = ValueSeries.Compute(ledger, prices, new ValueSeriesOptions(day, day, currency, zone));
        var rows = series.Points.Where(p => p.Quantity != 0m)
            .Select(p => new Box3Holding(reference, p.Account, p.Asset, p.Quantity, p.Price, p.Value)).ToList();
        var totals = rows.GroupBy(r => r.Asset).OrderBy(g => g.Key)
            .Select(g =>
            {
                var quantity = g.Sum(r => r.Quantity);
                var value = g.Any(r => r.Value is null) ? null : (decimal?)g.Sum(r => r.Value!.Value);
                return new Box3Holding(reference, TotalAccount, g.Key, quantity, g.First().Price, value);
            }).ToList();
        return (rows.Concat(totals).ToList(), series.Warnings);
    }

    /// <summary>The year's figures from the two reference moments' rows, the engine's income and the ledger's deposits
    /// and withdrawals.</summary>
    public static (Box3Year Year, IReadOnlyList<Warning> Warnings) Summarize(
        TaxYear year, IReadOnlyList<Box3Holding> start, IReadOnlyList<Box3Holding> end, IReadOnlyList<IncomeRecord> income,
        IReadOnlyList<LedgerEntry> ledger, PriceBook prices, Asset currency, DateTimeZone zone)
    {
        static decimal? Total(IReadOnlyList<Box3Holding> rows)
        {
            decimal? sum = 0m;
            foreach (var r in rows.Where(r => r.Account == TotalAccount)) sum += r.Value;
            return sum;
        }
        var warnings = new List<Warning>();
        decimal? earned = 0m;
        foreach (var i in income.Where(i => i.TaxYear == year)) earned = i.ValueKnown ? earned + i.Value : null;
        var interval = year.InZone(zone);
        decimal? inflows = 0m;
        foreach (var e in ledger)
        {
            if (e.Kind is not (EntryKind.Deposit or EntryKind.Withdrawal) || !interval.Contains(e.At)) continue;
            foreach (var leg in e.Legs)
            {
                var c = leg.Asset == currency ? (Conversion?)null : prices.Convert(leg.Asset, currency, e.At.InZone(zone).Date);
                if (c is { IsFound: false })
                {
                    warnings.Add(new Warning(WarningCode.MissingPrice, Severity.Warning, e.Account, e.Id, string.Create(CultureInfo.InvariantCulture,
                        $"box3: no {leg.Asset}->{currency} price for the {(leg.Quantity > 0 ? "deposit" : "withdrawal")} of {DecimalText.Format(Math.Abs(leg.Quantity))} {leg.Asset}: net inflows and the actual return are left empty")));
                    inflows = null;
                    continue;
                }
                inflows += c is { } found ? found.Apply(leg.Quantity) : leg.Quantity;
            }
        }
        var atStart = Total(start);
        var atEnd = Total(end);
        var rate = DeemedRate(year.StartYear);
        return (new Box3Year(year.StartYear, atStart, atEnd, earned, inflows, atEnd - atStart - inflows, rate, atStart * rate), warnings);
    }
}

using NodaTime;
using PortfolioSync.Domain.CostBasis;

namespace PortfolioSync.Domain.Tax.Germany;

/// <summary>
/// German private disposals (§23 EStG) and other income (§22 Nr. 3 EStG) over the engine's FIFO result. Pure: it
/// classifies what the engine matched, it does not match again. Dates are the engine's (its zone must be
/// Europe/Berlin for a German report). Staking and other rewards are acquisitions at receipt, so their lots start a
/// new one-year period; the ten-year period of §23 Abs. 1 Satz 1 Nr. 2 Satz 4 EStG does not apply to coins used for
/// staking or lending (BMF-Schreiben of 10 May 2022, Rz. 63; BMF-Schreiben of 6 March 2025).
/// </summary>
public static class GermanPrivateDisposals
{
    /// <summary>The §22 Nr. 3 EStG Freigrenze: income below it is not taxed.</summary>
    public const decimal OtherIncomeFreigrenze = 256m;

    /// <summary>
    /// True when the lot was held more than one year: the disposal date is after the same calendar date one year
    /// after acquisition (§§ 187, 188 BGB via § 108 AO). Bought 2023-03-01: sold 2024-03-01 is taxable, 2024-03-02
    /// exempt. Bought 29 February: the year ends on 28 February (NodaTime's PlusYears, § 188 Abs. 3 BGB).
    /// </summary>
    public static bool IsExempt(LocalDate acquired, LocalDate disposed) => disposed > acquired.PlusYears(1);

    /// <summary>The §23 Abs. 3 Satz 5 EStG Freigrenze of <paramref name="year"/>: €600 up to 2023, €1,000 from 2024
    /// (Wachstumschancengesetz of 27 March 2024).</summary>
    public static decimal Freigrenze(int year) => year <= 2023 ? 600m : 1000m;

    /// <summary>A Freigrenze, not an allowance: a positive amount below it becomes 0; at or above it, all of it counts.
    /// A loss passes through unchanged.</summary>
    public static decimal AfterFreigrenze(decimal net, decimal freigrenze) => net > 0m && net < freigrenze ? 0m : net;

    /// <summary>Every matched lot of the disposals dated in <paramref name="year"/>, in disposal order.</summary>
    public static IReadOnlyList<GermanDisposal> Classify(CostBasisResult result, TaxYear year)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = new List<GermanDisposal>();
        foreach (var d in result.Disposals)
        {
            if (d.TaxYear != year) continue;
            foreach (var lot in d.Lots)
            {
                var taxable = lot.AcquiredDate is not { } acquired || !IsExempt(acquired, d.Date);
                decimal? proceeds = d.ProceedsKnown ? lot.Proceeds : null;
                decimal? costs = lot.CostKnown && d.FeesKnown ? lot.Cost + lot.Fees : null;
                rows.Add(new GermanDisposal(d, lot, lot.AcquiredDate, d.Date, proceeds, costs, proceeds - costs, taxable));
            }
        }
        return rows;
    }

    /// <summary>The year's Anlage SO figures from <see cref="Classify"/>'s rows and the engine's income.</summary>
    public static GermanYear Summarize(IReadOnlyList<GermanDisposal> rows, IReadOnlyList<IncomeRecord> income, TaxYear year)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(income);
        decimal? gains = 0m, losses = 0m, exempt = 0m;
        var incomplete = 0;
        foreach (var r in rows)
        {
            if (r.Gain is not { } g)
            {
                incomplete++;
                if (r.Taxable) gains = losses = null;
                else exempt = null;
                continue;
            }
            if (!r.Taxable) exempt += g;
            else if (g >= 0m) gains += g;
            else losses -= g;
        }
        var net = gains - losses;
        var freigrenze = Freigrenze(year.StartYear);
        decimal? other = 0m;
        foreach (var i in income)
            if (i.TaxYear == year) other = i.ValueKnown ? other + i.Value : null;
        return new GermanYear(year.StartYear, rows.Count, rows.Count(r => r.Taxable), incomplete, gains, losses, net, exempt,
            freigrenze, net is { } n ? AfterFreigrenze(n, freigrenze) : null,
            other, OtherIncomeFreigrenze, other is { } o ? AfterFreigrenze(o, OtherIncomeFreigrenze) : null);
    }
}

using PortfolioSync.Domain;
using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Pricing;
using PortfolioSync.Domain.Tax;
using PortfolioSync.Domain.Tax.France;
using PortfolioSync.Domain.Tax.Germany;
using PortfolioSync.Domain.Tax.Netherlands;
using PortfolioSync.Reports.Model;

namespace PortfolioSync.Reports.Country;

/// <summary>
/// Builds the country files of one tax year from the engine's result (disposals, income, year-end holdings), the
/// ledger and the price book. Pure; null for jurisdictions without country files of their own here (uk, us, generic).
/// </summary>
public static class CountryReportBuilder
{
    public static CountryReport? Build(TaxReport report, IReadOnlyList<LedgerEntry> ledger, PriceBook prices, CostBasisResult result)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(result);
        var year = report.Context.TaxYear;
        var o = result.Options;
        var j = report.Context.Jurisdiction;
        {
            if (j == Jurisdiction.De)
            {
                var rows = GermanPrivateDisposals.Classify(result, year);
                return new CountryReport
                {
                    Jurisdiction = Jurisdiction.De,
                    GermanRows = rows,
                    German = GermanPrivateDisposals.Summarize(rows, result.Income, year),
                    Notes =
                    [
                        "anlage-so.csv: Anlage SO, private disposals (§23 Abs. 1 Satz 1 Nr. 2 EStG): one row per matched lot, taxable when held one year or less (dates in Europe/Berlin), exempt after.",
                        "anlage-so-summary.csv: Anlage SO totals: taxable net against the Freigrenze of §23 Abs. 3 Satz 5 EStG (EUR 600 up to 2023, EUR 1,000 from 2024) and the §22 Nr. 3 EStG income (staking, rewards) against its EUR 256 Freigrenze.",
                    ],
                };
            }
            if (j == Jurisdiction.Nl)
            {
                var (start, w1) = Box3.HoldingsAt(year.StartYear, ledger, prices, o.BaseCurrency, o.Zone);
                var (end, w2) = Box3.HoldingsAt(year.StartYear + 1, ledger, prices, o.BaseCurrency, o.Zone);
                var (summary, w3) = Box3.Summarize(year, start, end, result.Income, ledger, prices, o.BaseCurrency, o.Zone);
                return new CountryReport
                {
                    Jurisdiction = Jurisdiction.Nl,
                    Box3Holdings = start.Concat(end).ToList(),
                    Box3 = summary,
                    Warnings = w1.Concat(w2).Concat(w3).Distinct().ToList(),
                    Notes =
                    [
                        "box3.csv: aangifte inkomstenbelasting, Box 3 (sparen en beleggen): holdings on the exchange (crypto and fiat) per account and in total at 1 January 00:00 Europe/Amsterdam of the year and of the next year.",
                        "box3-summary.csv: the year's values, income and net inflows, the actual return (werkelijk rendement) for the rebuttal scheme (tegenbewijsregeling) beside the deemed return.",
                        "Box 3 taxes holdings, not gains: disposals.csv and summary.csv are informational only for a Dutch filer.",
                    ],
                };
            }
            if (j == Jurisdiction.Es)
                return new CountryReport
                {
                    Jurisdiction = Jurisdiction.Es,
                    Modelo100 = Modelo100(result, year),
                    Modelo721 = report.Holdings.Where(h => h.Location == HoldingRow.ExchangeLocation && !o.FiatSet.Contains(h.Asset) && h.Asset != o.BaseCurrency)
                        .GroupBy(h => h.Asset).OrderBy(g => g.Key)
                        .Select(g => new Modelo721Row(year.End, g.Key, g.Sum(h => h.Quantity), g.First().Price,
                            g.Any(h => h.MarketValue is null) ? null : g.Sum(h => h.MarketValue!.Value)))
                        .ToList(),
                    Notes =
                    [
                        "modelo-100.csv: Modelo 100 (IRPF), ganancias y pérdidas patrimoniales from transmissions of cryptoassets (sales and swaps, FIFO over all accounts), per asset; staking and other rewards listed on their own (kind income).",
                        "modelo-721.csv: Modelo 721, cryptoassets held abroad (Bitstamp Europe S.A., Luxembourg) at 31 December, in EUR; due when the total exceeds EUR 50,000.",
                    ],
                };
            if (j == Jurisdiction.Fr)
            {
                var french = FrenchPortfolio.Run(ledger, prices, o);
                // Warnings about entries after the year do not concern it (earlier ones do: they shaped PTA).
                var yearEnd = year.InZone(o.Zone).End;
                var late = ledger.Where(e => e.At >= yearEnd).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
                var rows = french.Disposals.Where(d => d.TaxYear == year).ToList();
                return new CountryReport
                {
                    Jurisdiction = Jurisdiction.Fr,
                    Form2086 = rows,
                    French = FrenchPortfolio.Summarize(french.Disposals, year),
                    Form3916Bis = Accounts(ledger, o, year),
                    Warnings = french.Warnings.Where(w => w.EntryId is null || !late.Contains(w.EntryId)).ToList(),
                    Notes =
                    [
                        "form-2086.csv: déclaration 2086 (art. 150 VH bis CGI), one row per taxable disposal (crypto sold for fiat) with the form's lines 211-218 and the portfolio method's gain; swaps between cryptoassets are not taxable.",
                        "form-2086-summary.csv: the year's total disposal prices, gains and losses, and whether the year is exempt (total prices of EUR 305 or less).",
                        "form-3916-bis.csv: déclaration 3916-bis, the accounts held abroad (Bitstamp Europe S.A., Luxembourg) to declare with the income tax return.",
                        "disposals.csv and summary.csv use FIFO lots and are informational only for a French filer: the taxable figures are those of form-2086.csv.",
                    ],
                };
            }
            return null;
        }
    }

    private static List<Modelo100Row> Modelo100(CostBasisResult result, TaxYear year)
    {
        var rows = new List<Modelo100Row>();
        foreach (var g in result.Disposals.Where(d => d.TaxYear == year).GroupBy(d => d.Asset).OrderBy(g => g.Key))
        {
            var incomplete = g.Count(d => !d.GainKnown);
            decimal? transmission = g.Any(d => !d.ProceedsKnown || !d.FeesKnown) ? null : g.Sum(d => d.NetProceeds);
            decimal? acquisition = g.Any(d => !d.CostKnown) ? null : g.Sum(d => d.Cost);
            rows.Add(new Modelo100Row(g.Key, Modelo100Row.GainKind, g.Count(), transmission, acquisition, null, incomplete));
        }
        foreach (var g in result.Income.Where(i => i.TaxYear == year).GroupBy(i => i.Asset).OrderBy(g => g.Key))
            rows.Add(new Modelo100Row(g.Key, Modelo100Row.IncomeKind, g.Count(), null, null,
                g.Any(i => !i.ValueKnown) ? null : g.Sum(i => i.Value), g.Count(i => !i.ValueKnown)));
        return rows;
    }

    private static List<Form3916BisRow> Accounts(IReadOnlyList<LedgerEntry> ledger, CostBasisOptions o, TaxYear year)
    {
        var end = year.InZone(o.Zone).End;
        return ledger.Where(e => e.At < end).GroupBy(e => e.Account, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Form3916BisRow(g.Key, g.Min(e => e.At).InZone(o.Zone).Date, g.Max(e => e.At).InZone(o.Zone).Date))
            .ToList();
    }
}

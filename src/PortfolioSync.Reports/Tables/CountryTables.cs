using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Tax.France;
using PortfolioSync.Domain.Tax.Germany;
using PortfolioSync.Domain.Tax.Netherlands;
using PortfolioSync.Reports.Country;
using PortfolioSync.Reports.Model;

namespace PortfolioSync.Reports.Tables;

/// <summary>
/// The country files (docs/reports.md and docs/cost-basis.md describe them): one CSV file and one workbook sheet each,
/// after the common tables. Column names are snake_case English; the form line they feed is in the notes.
/// </summary>
internal static class CountryTables
{
    public static IEnumerable<IReportTable> For(TaxReport report)
    {
        if (report.Country is not { } c) yield break;
        var label = report.Label;
        if (c.GermanRows is { } de) yield return AnlageSo(label, de);
        if (c.German is { } g) yield return AnlageSoSummary(g);
        if (c.Box3Holdings is { } holdings) yield return Box3Table(holdings);
        if (c.Box3 is { } box3) yield return Box3Summary(box3);
        if (c.Modelo100 is { } m100) yield return Modelo100(label, m100);
        if (c.Modelo721 is { } m721) yield return Modelo721(m721);
        if (c.Form2086 is { } f2086) yield return Form2086(f2086);
        if (c.French is { } fr) yield return Form2086Summary(fr);
        if (c.Form3916Bis is { } f3916) yield return Form3916Bis(f3916);
    }

    private static string Kind(DisposalKind kind) => kind switch
    {
        DisposalKind.Sale => "sale",
        DisposalKind.Exchange => "exchange",
        DisposalKind.Fee => "fee",
        DisposalKind.Withdrawal => "withdrawal",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static Table<GermanDisposal> AnlageSo(string label, IReadOnlyList<GermanDisposal> rows) => new("anlage-so.csv", "Anlage SO",
    [
        Column<GermanDisposal>.Text("tax_year", _ => label),
        Column<GermanDisposal>.Text("disposal_id", r => r.Disposal.Id),
        Column<GermanDisposal>.Text("account", r => r.Disposal.Account),
        Column<GermanDisposal>.Text("asset", r => r.Disposal.Asset.Code),
        Column<GermanDisposal>.Text("kind", r => Kind(r.Disposal.Kind)),
        Column<GermanDisposal>.Quantity("quantity", r => r.Lot.Quantity),
        Column<GermanDisposal>.Date("acquired", r => r.Acquired),
        Column<GermanDisposal>.Date("disposed", r => r.Disposed),
        Column<GermanDisposal>.Money("proceeds", r => r.Proceeds, total: true),
        Column<GermanDisposal>.Money("costs", r => r.Costs, total: true),
        Column<GermanDisposal>.Money("gain", r => r.Gain, total: true),
        Column<GermanDisposal>.Text("status", r => r.Taxable ? "taxable" : "exempt"),
        Column<GermanDisposal>.Text("lot_id", r => r.Lot.LotId),
    ], rows)
    {
        SheetNotes =
        [
            "Anlage SO, private Veräußerungsgeschäfte (§23 Abs. 1 Satz 1 Nr. 2 EStG): taxable when the disposal date (Europe/Berlin) is on or before the same date one year after acquisition; exempt after.",
            "costs = acquisition cost + disposal fees; gain = proceeds - costs. Rewards start a new holding period at receipt (BMF-Schreiben 10.05.2022, Rz. 63).",
        ],
    };

    private static Table<GermanYear> AnlageSoSummary(GermanYear y) => new("anlage-so-summary.csv", "Anlage SO summary",
    [
        Column<GermanYear>.Count("tax_year", r => r.Year),
        Column<GermanYear>.Count("rows", r => r.Rows),
        Column<GermanYear>.Count("taxable_rows", r => r.TaxableRows),
        Column<GermanYear>.Money("taxable_gains", r => r.TaxableGains),
        Column<GermanYear>.Money("taxable_losses", r => r.TaxableLosses),
        Column<GermanYear>.Money("taxable_net", r => r.TaxableNet),
        Column<GermanYear>.Money("exempt_net", r => r.ExemptNet),
        Column<GermanYear>.Money("freigrenze_23", r => r.Freigrenze),
        Column<GermanYear>.Money("taxable_after_freigrenze", r => r.TaxableAfterFreigrenze),
        Column<GermanYear>.Money("income_22_nr3", r => r.OtherIncome),
        Column<GermanYear>.Money("freigrenze_22_nr3", r => r.OtherIncomeFreigrenze),
        Column<GermanYear>.Money("income_22_nr3_taxable", r => r.OtherIncomeTaxable),
        Column<GermanYear>.Count("incomplete", r => r.Incomplete),
    ], [y])
    {
        SheetNotes =
        [
            "Freigrenze, not an allowance: a positive net below it is tax-free; at or above it, all of it is taxable (§23 Abs. 3 Satz 5 EStG: EUR 600 up to 2023, EUR 1,000 from 2024; §22 Nr. 3 Satz 2 EStG: EUR 256).",
            "A net loss stays in taxable_after_freigrenze: it offsets only §23 gains (carry back one year or forward, §23 Abs. 3 Satz 7-8 EStG).",
        ],
    };

    private static Table<Box3Holding> Box3Table(IReadOnlyList<Box3Holding> rows) => new("box3.csv", "Box 3",
    [
        Column<Box3Holding>.Date("reference_date", r => r.ReferenceDate),
        Column<Box3Holding>.Text("account", r => r.Account),
        Column<Box3Holding>.Text("asset", r => r.Asset.Code),
        Column<Box3Holding>.Quantity("quantity", r => r.Quantity),
        Column<Box3Holding>.Price("price", r => r.Price),
        Column<Box3Holding>.Money("value", r => r.Value),
    ], rows)
    {
        Emphasize = r => r.Account == Box3.TotalAccount,
        SheetNotes =
        [
            "Holdings at 1 January 00:00 Europe/Amsterdam (the balances after every entry before that moment, valued at the close of 31 December), per account and, in the rows of account total, over all accounts.",
        ],
    };

    private static Table<Box3Year> Box3Summary(Box3Year y) => new("box3-summary.csv", "Box 3 summary",
    [
        Column<Box3Year>.Count("tax_year", r => r.Year),
        Column<Box3Year>.Money("value_1_january", r => r.ValueAtStart),
        Column<Box3Year>.Money("value_1_january_next", r => r.ValueAtEnd),
        Column<Box3Year>.Money("income", r => r.Income),
        Column<Box3Year>.Money("net_inflows", r => r.NetInflows),
        Column<Box3Year>.Money("actual_return", r => r.ActualReturn),
        Column<Box3Year>.Price("deemed_rate", r => r.DeemedRate),
        Column<Box3Year>.Money("deemed_return", r => r.DeemedReturn),
    ], [y])
    {
        SheetNotes =
        [
            "actual_return = value_1_january_next - value_1_january - net_inflows (the income is inside it). deemed_return = value_1_january x deemed_rate (overige bezittingen); an empty rate means this tool does not know that year's rate.",
            "These are the exchange's holdings only: Box 3 adds every other asset and debt, and the allowance (heffingsvrij vermogen) applies to the whole.",
        ],
    };

    private static Table<Modelo100Row> Modelo100(string label, IReadOnlyList<Modelo100Row> rows) => new("modelo-100.csv", "Modelo 100",
    [
        Column<Modelo100Row>.Text("tax_year", _ => label),
        Column<Modelo100Row>.Text("asset", r => r.Asset.Code),
        Column<Modelo100Row>.Text("kind", r => r.Kind),
        Column<Modelo100Row>.Count("count", r => r.Count),
        Column<Modelo100Row>.Money("transmission_value", r => r.TransmissionValue, total: true),
        Column<Modelo100Row>.Money("acquisition_value", r => r.AcquisitionValue, total: true),
        Column<Modelo100Row>.Money("gain_or_loss", r => r.GainOrLoss, total: true),
        Column<Modelo100Row>.Money("income_value", r => r.IncomeValue, total: true),
        Column<Modelo100Row>.Count("incomplete", r => r.Incomplete),
    ], rows)
    {
        SheetNotes =
        [
            "transmission_value = proceeds net of disposal fees; acquisition_value = cost with acquisition fees (art. 35 LIRPF). FIFO over all accounts (DGT V1550-25); swaps between cryptoassets are transmissions.",
        ],
    };

    private static Table<Modelo721Row> Modelo721(IReadOnlyList<Modelo721Row> rows)
    {
        decimal? total = rows.Any(r => r.Value is null) ? null : rows.Sum(r => r.Value!.Value);
        var exceeds = total is { } t ? (t > Modelo721Row.Threshold ? "yes" : "no") : "unknown";
        return new Table<Modelo721Row>("modelo-721.csv", "Modelo 721",
        [
            Column<Modelo721Row>.Date("date", r => r.Date),
            Column<Modelo721Row>.Text("asset", r => r.Asset.Code),
            Column<Modelo721Row>.Quantity("quantity", r => r.Asset.Code == "TOTAL" ? null : r.Quantity),
            Column<Modelo721Row>.Price("price", r => r.Price),
            Column<Modelo721Row>.Money("value", r => r.Value, total: true),
            Column<Modelo721Row>.Text("exceeds_50000", r => r.Asset.Code == "TOTAL" ? exceeds : null),
        ], rows)
        {
            CsvTotal = new Modelo721Row(rows.Count > 0 ? rows[0].Date : default, Domain.Asset.Parse("TOTAL"), 0m, null, total),
            SheetFacts =
            [
                ("Total value (EUR)", total is { } v ? (double)v : null, ColumnKind.Money),
                ("Exceeds EUR 50,000", exceeds, ColumnKind.Text),
            ],
            SheetNotes = ["Modelo 721 is due when the year-end value of all cryptoassets held abroad exceeds EUR 50,000 (art. 42 quater RGAT)."],
        };
    }

    private static Table<FrenchDisposal> Form2086(IReadOnlyList<FrenchDisposal> rows) => new("form-2086.csv", "Form 2086",
    [
        Column<FrenchDisposal>.Text("entry_id", r => r.EntryId),
        Column<FrenchDisposal>.Text("account", r => r.Account),
        Column<FrenchDisposal>.Date("date_211", r => r.Date),
        Column<FrenchDisposal>.Text("asset", r => r.Asset.Code),
        Column<FrenchDisposal>.Quantity("quantity", r => r.Quantity),
        Column<FrenchDisposal>.Money("portfolio_value_212", r => r.PortfolioValue),
        Column<FrenchDisposal>.Money("price_213", r => r.Price, total: true),
        Column<FrenchDisposal>.Money("fees_214", r => r.Fees, total: true),
        Column<FrenchDisposal>.Money("net_price_218", r => r.NetPrice, total: true),
        Column<FrenchDisposal>.Money("acquisition_total_before", r => r.AcquisitionBefore),
        Column<FrenchDisposal>.Money("acquisition_fraction_used", r => r.AcquisitionUsed, total: true),
        Column<FrenchDisposal>.Money("gain", r => r.Gain, total: true),
        Column<FrenchDisposal>.Money("acquisition_total_after", r => r.AcquisitionAfter),
    ], rows)
    {
        SheetNotes =
        [
            "gain = net_price_218 - acquisition_total_before x price_213 / portfolio_value_212; the fraction uses the price before fees (line 217 = price net of soultes only), the gain the price after fees (line 218).",
            "portfolio_value_212: every cryptoasset held just before the disposal, all accounts, at the close of the day (the value series' prices).",
        ],
    };

    private static Table<FrenchYear> Form2086Summary(FrenchYear y) => new("form-2086-summary.csv", "Form 2086 summary",
    [
        Column<FrenchYear>.Count("tax_year", r => r.Year),
        Column<FrenchYear>.Count("disposals", r => r.Disposals),
        Column<FrenchYear>.Money("total_prices", r => r.TotalPrices),
        Column<FrenchYear>.Money("gains", r => r.Gains),
        Column<FrenchYear>.Money("losses", r => r.Losses),
        Column<FrenchYear>.Money("net", r => r.Net),
        Column<FrenchYear>.Text("exempt_305", r => r.Exempt switch { true => "yes", false => "no", null => "unknown" }),
        Column<FrenchYear>.Money("taxable", r => r.Taxable),
        Column<FrenchYear>.Count("incomplete", r => r.Incomplete),
    ], [y]);

    private static Table<Form3916BisRow> Form3916Bis(IReadOnlyList<Form3916BisRow> rows) => new("form-3916-bis.csv", "Form 3916-bis",
    [
        Column<Form3916BisRow>.Text("account", r => r.Account),
        Column<Form3916BisRow>.Text("entity", _ => Form3916BisRow.Entity),
        Column<Form3916BisRow>.Text("address", _ => Form3916BisRow.Address),
        Column<Form3916BisRow>.Text("country", _ => Form3916BisRow.Country),
        Column<Form3916BisRow>.Text("registration", _ => Form3916BisRow.Registration),
        Column<Form3916BisRow>.Text("website", _ => Form3916BisRow.Website),
        Column<Form3916BisRow>.Text("account_type", _ => "digital assets"),
        Column<Form3916BisRow>.Date("first_activity", r => r.FirstActivity),
        Column<Form3916BisRow>.Date("last_activity", r => r.LastActivity),
    ], rows);
}

using PortfolioSync.Domain.CostBasis;
using System.Globalization;
using PortfolioSync.Reports.Model;

namespace PortfolioSync.Reports.Tables;

/// <summary>
/// The column lists of every report file (docs/reports.md describes them for readers). The order here is the
/// order of the columns in the CSV files and sheets, and of the sheets in the workbook.
/// </summary>
internal static class ReportTables
{
    public static IReadOnlyList<IReportTable> For(TaxReport report)
    {
        var tables = new List<IReportTable>
        {
            Summary(report), Disposals(report), Income(report), Holdings(report), Transactions(report), Warnings(report.Warnings),
        };
        if (report.Sa108 is { } sa108) tables.Add(Sa108([sa108, .. report.Sa108Periods]));
        if (report.Derivatives.Count > 0) tables.Add(Derivatives(report.Derivatives));
        if (report.Allocations.Count > 0) tables.Add(Allocation(report.Allocations));
        if (report.Form8949 is { } form8949) tables.Add(Form8949(form8949));
        if (report.Value is { } value) tables.Add(Value(value));
        tables.AddRange(CountryTables.For(report));
        var title = $"PortfolioSync tax report {report.Label} ({report.Context.BaseCurrency.Code})";
        return tables.Select(t => t.WithTitle(title)).ToList();
    }

    public static Table<SummaryRow> Summary(TaxReport report)
    {
        var label = report.Label;
        return new Table<SummaryRow>("summary.csv", "Summary",
        [
            Column<SummaryRow>.Text("tax_year", _ => label),
            Column<SummaryRow>.Text("asset", r => r.Asset),
            Column<SummaryRow>.Count("disposals", r => r.Disposals, total: true),
            Column<SummaryRow>.Money("proceeds", r => r.ShownProceeds, total: true),
            Column<SummaryRow>.Money("costs", r => r.ShownCosts, total: true),
            Column<SummaryRow>.Money("fees", r => r.ShownFees, total: true),
            Column<SummaryRow>.Money("gains", r => r.ShownGains, total: true),
            Column<SummaryRow>.Money("losses", r => r.ShownLosses, total: true),
            Column<SummaryRow>.Money("net", r => r.ShownNet, total: true),
            Column<SummaryRow>.Count("incomplete", r => r.Incomplete, total: true),
        ], report.Summary)
        {
            CsvTotal = report.Total,
            SheetNotes = report.Country is { } country ? report.Notes.Concat(country.Notes).ToList() : report.Notes,
        };
    }

    public static Table<DisposalRow> Disposals(TaxReport report)
    {
        var label = report.Label;
        var method = report.Context.Method.ToText();
        return new Table<DisposalRow>("disposals.csv", "Disposals",
        [
            Column<DisposalRow>.Text("tax_year", _ => label),
            Column<DisposalRow>.Text("disposal_id", r => r.DisposalId),
            Column<DisposalRow>.Text("account", r => r.Account),
            Column<DisposalRow>.Text("asset", r => r.Asset.Code),
            Column<DisposalRow>.Instant("disposed_at", r => r.DisposedAt),
            Column<DisposalRow>.Quantity("quantity", r => r.Quantity),
            Column<DisposalRow>.Money("proceeds", r => r.ShownProceeds, total: true),
            Column<DisposalRow>.Money("cost", r => r.ShownCost, total: true),
            Column<DisposalRow>.Money("fees", r => r.ShownFees, total: true),
            Column<DisposalRow>.Money("gain", r => r.ShownGain, total: true),
            Column<DisposalRow>.Instant("acquired_at", r => r.AcquiredAt),
            Column<DisposalRow>.Text("lot_id", r => r.LotId),
            Column<DisposalRow>.Text("match_rule", r => r.MatchRule.ToText()),
            Column<DisposalRow>.Text("term", r => r.Term?.ToText()),
            Column<DisposalRow>.Text("method", _ => method),
            Column<DisposalRow>.Text("note", r => r.Note),
        ], report.Disposals);
    }

    public static Table<IncomeRow> Income(TaxReport report) => new("income.csv", "Income",
    [
        Column<IncomeRow>.Instant("received_at", r => r.ReceivedAt),
        Column<IncomeRow>.Text("account", r => r.Account),
        Column<IncomeRow>.Text("asset", r => r.Asset.Code),
        Column<IncomeRow>.Quantity("quantity", r => r.Quantity),
        Column<IncomeRow>.Money("value", r => r.Value, total: true),
        Column<IncomeRow>.Text("kind", r => r.Kind.ToText()),
        Column<IncomeRow>.Text("entry_id", r => r.EntryId),
    ], report.Income);

    /// <summary>
    /// Holdings at the end of the year. Coins on the exchange and coins withdrawn to outside (pool <c>external…</c>)
    /// are told apart by the <c>location</c> column and never added together: the workbook gives a total for each
    /// location beside the table instead of one SUM row under it.
    /// </summary>
    public static Table<HoldingRow> Holdings(TaxReport report) => Holdings(report.Holdings, report.Context.BaseCurrency.Code);

    /// <summary>Holdings on any day (the dashboard's): the columns of the tax reports' <c>holdings.csv</c>.</summary>
    public static Table<HoldingRow> Holdings(IReadOnlyList<HoldingRow> holdings, string currency)
    {
        var facts = new List<(string Title, object? Value, ColumnKind Kind)>();
        foreach (var (location, title) in new[] { (HoldingRow.ExchangeLocation, "On the exchange"), (HoldingRow.OutsideLocation, "Withdrawn to outside") })
        {
            var rows = holdings.Where(h => h.Location == location).ToList();
            if (rows.Count == 0) continue;
            facts.Add(($"{title}: cost ({currency})", SumOrNull(rows.Select(r => r.ShownCost)), ColumnKind.Money));
            facts.Add(($"{title}: market value ({currency})", SumOrNull(rows.Select(r => r.MarketValue)), ColumnKind.Money));
            facts.Add(($"{title}: unrealized gain ({currency})", SumOrNull(rows.Select(r => r.UnrealizedGain)), ColumnKind.Money));
        }
        return new Table<HoldingRow>("holdings.csv", "Holdings",
        [
            Column<HoldingRow>.Text("pool", r => r.Pool),
            Column<HoldingRow>.Text("location", r => r.Location),
            Column<HoldingRow>.Text("asset", r => r.Asset.Code),
            Column<HoldingRow>.Quantity("quantity", r => r.Quantity),
            Column<HoldingRow>.Money("cost", r => r.ShownCost),
            Column<HoldingRow>.Price("price", r => r.Price),
            Column<HoldingRow>.Money("market_value", r => r.MarketValue),
            Column<HoldingRow>.Money("unrealized_gain", r => r.UnrealizedGain),
        ], holdings)
        {
            SheetFacts = facts,
            SheetNotes =
            [
                "Location exchange: held on Bitstamp at the end of the year; outside: withdrawn to a wallet or another exchange "
                + "(the lots keep their cost). The totals beside the table are per location and never mixed; an empty total "
                + "includes an unknown price or cost.",
            ],
        };
    }

    private static double? SumOrNull(IEnumerable<decimal?> values)
    {
        var sum = 0m;
        foreach (var v in values)
        {
            if (v is not { } known) return null;
            sum += known;
        }
        return (double)sum;
    }

    public static Table<TransactionRow> Transactions(TaxReport report) => new("transactions.csv", "Transactions",
    [
        Column<TransactionRow>.Text("entry_id", r => r.EntryId),
        Column<TransactionRow>.Text("account", r => r.Account),
        Column<TransactionRow>.Instant("at", r => r.At),
        Column<TransactionRow>.Text("kind", r => r.Kind.ToText()),
        Column<TransactionRow>.Count("leg", r => r.Leg),
        Column<TransactionRow>.Text("asset", r => r.Asset?.Code),
        Column<TransactionRow>.Quantity("quantity", r => r.Quantity),
        Column<TransactionRow>.Money("value", r => r.Value),
        Column<TransactionRow>.Quantity("fee", r => r.Fee),
        Column<TransactionRow>.Text("fee_asset", r => r.FeeAsset?.Code),
        Column<TransactionRow>.Money("fee_value", r => r.FeeValue),
        Column<TransactionRow>.Text("order_id", r => r.OrderId?.ToString(CultureInfo.InvariantCulture)),
        Column<TransactionRow>.Text("source_key", r => r.SourceKey),
    ], report.Transactions);

    public static Table<WarningRow> Warnings(IReadOnlyList<WarningRow> warnings) => new("warnings.csv", "Warnings",
    [
        Column<WarningRow>.Text("code", r => r.Code),
        Column<WarningRow>.Text("severity", r => r.Severity.ToText()),
        Column<WarningRow>.Instant("at", r => r.At),
        Column<WarningRow>.Text("account", r => r.Account),
        Column<WarningRow>.Text("entry_id", r => r.EntryId),
        Column<WarningRow>.Text("message", r => r.Message, maxWidth: 90, wrap: true),
    ], warnings);

    public static Table<Sa108Summary> Sa108(Sa108Summary summary) => Sa108([summary]);

    public static Table<Sa108Summary> Sa108(IReadOnlyList<Sa108Summary> rows) => new("sa108-summary.csv", "SA108",
    [
        Column<Sa108Summary>.Text("tax_year", r => r.TaxYear),
        Column<Sa108Summary>.Text("period", r => r.Period),
        Column<Sa108Summary>.Count("disposals", r => r.Disposals),
        Column<Sa108Summary>.Money("disposal_proceeds", r => r.ShownProceeds),
        Column<Sa108Summary>.Money("allowable_costs", r => r.ShownCosts),
        Column<Sa108Summary>.Money("gains", r => r.ShownGains),
        Column<Sa108Summary>.Money("losses", r => r.ShownLosses),
        Column<Sa108Summary>.Money("net", r => r.ShownNet),
        Column<Sa108Summary>.Count("incomplete", r => r.Incomplete),
        Column<Sa108Summary>.Money("annual_exempt_amount", r => r.AnnualExemptAmount),
        Column<Sa108Summary>.Money("reporting_threshold", r => r.ReportingThreshold),
        Column<Sa108Summary>.Text("proceeds_over_threshold", r => r.ProceedsOverThreshold),
    ], rows);

    public static Table<DerivativeRow> Derivatives(IReadOnlyList<DerivativeRow> rows) => new("derivatives.csv", "Derivatives",
    [
        Column<DerivativeRow>.Instant("settled_at", r => r.Account == DerivativeRow.TotalMarker ? null : r.At),
        Column<DerivativeRow>.Text("account", r => r.Account),
        Column<DerivativeRow>.Text("asset", r => r.Account == DerivativeRow.TotalMarker ? null : r.Asset.Code),
        Column<DerivativeRow>.Quantity("quantity", r => r.Account == DerivativeRow.TotalMarker ? null : r.Quantity),
        Column<DerivativeRow>.Money("value", r => r.Value, total: true),
        Column<DerivativeRow>.Text("entry_id", r => r.EntryId),
    ], rows)
    {
        CsvTotal = DerivativeRow.Total(rows),
    };

    public static Table<AllocationRow> Allocation(IReadOnlyList<AllocationRow> rows) => new(
        $"allocation-{NodaTime.Text.LocalDatePattern.Iso.Format(rows[0].Date)}.csv", "Allocation",
    [
        Column<AllocationRow>.Date("date", r => r.Date),
        Column<AllocationRow>.Text("asset", r => r.Asset.Code),
        Column<AllocationRow>.Text("account", r => r.Account),
        Column<AllocationRow>.Text("lot_id", r => r.LotId),
        Column<AllocationRow>.Instant("acquired_at", r => r.AcquiredAt),
        Column<AllocationRow>.Quantity("quantity", r => r.Quantity),
        Column<AllocationRow>.Money("cost", r => r.Cost, total: true),
    ], rows);

    public static Table<Form8949Row> Form8949(IReadOnlyList<Form8949Row> rows) => new("form-8949.csv", "Form 8949",
    [
        Column<Form8949Row>.Text("description", r => r.Description),
        Column<Form8949Row>.Date("date_acquired", r => r.DateAcquired),
        Column<Form8949Row>.Date("date_sold", r => r.DateSold),
        Column<Form8949Row>.Money("proceeds", r => r.ShownProceeds, total: true),
        Column<Form8949Row>.Money("cost", r => r.ShownCost, total: true),
        Column<Form8949Row>.Text("adjustment_code", r => r.AdjustmentCode),
        Column<Form8949Row>.Money("adjustment", r => r.ShownAdjustment, total: true),
        Column<Form8949Row>.Money("gain", r => r.ShownGain, total: true),
        Column<Form8949Row>.Text("term", r => r.Term?.ToText()),
    ], rows);

    public static Table<ValueLine> Value(ValueReport report)
    {
        var currency = report.Currency.Code;
        return new Table<ValueLine>("value.csv", "Value",
        [
            Column<ValueLine>.Date("date", r => r.Date),
            Column<ValueLine>.Text("account", r => r.Account),
            Column<ValueLine>.Text("asset", r => r.Asset),
            Column<ValueLine>.Quantity("quantity", r => r.Quantity),
            Column<ValueLine>.Price("price", r => r.Price),
            Column<ValueLine>.Money("value", r => r.Value),
        ], Lines(report))
        {
            Title = $"PortfolioSync portfolio value ({currency})",
            Emphasize = line => line.IsTotal,
            SheetFacts =
            [
                ("Currency", currency, ColumnKind.Text),
                ("Zone", report.ZoneId, ColumnKind.Text),
                ("From", report.From?.ToDateTimeUnspecified(), ColumnKind.Date),
                ("To", report.To?.ToDateTimeUnspecified(), ColumnKind.Date),
                ($"Value at end, all balances ({currency})", ToDouble(report.ValueAtEnd), ColumnKind.Money),
                ($"Value of cost-basis holdings ({currency})", ToDouble(report.HoldingsValueAtEnd), ColumnKind.Money),
                ($"Cost at end ({currency})", ToDouble(report.CostAtEnd), ColumnKind.Money),
                ($"Unrealized gain at end ({currency})", ToDouble(report.UnrealizedGainAtEnd), ColumnKind.Money),
            ],
            SheetNotes =
            [
                $"Rows per day, account and asset; the row with account {ValueReport.TotalMarker} and no asset is the day's total.",
                $"Values in {currency} at the end of each day in {report.ZoneId}; a missing price is filled from the last known close, "
                + "and a holding with no price at all has an empty value that the day's total leaves out (see the warnings).",
                "Unrealized gain = value of cost-basis holdings - cost at end. It differs from value at end - cost because the value "
                + "at end also counts fiat balances, which have no cost basis and no gain.",
            ],
        };
    }

    /// <summary>Per day: the holdings (ordered by account, asset), then the day's total.</summary>
    private static List<ValueLine> Lines(ValueReport report)
    {
        var lines = new List<ValueLine>(report.Rows.Count + report.Days.Count);
        var i = 0;
        foreach (var day in report.Days)
        {
            for (; i < report.Rows.Count && report.Rows[i].Date == day.Date; i++)
            {
                var r = report.Rows[i];
                lines.Add(new ValueLine(r.Date, r.Account, r.Asset.Code, r.Quantity, r.Price, r.Value));
            }
            lines.Add(new ValueLine(day.Date, ValueReport.TotalMarker, null, null, null, day.Total));
        }
        return lines;
    }

    private static double? ToDouble(decimal? value) => value is { } v ? (double)v : null;
}

using ClosedXML.Excel;
using PortfolioSync.Reports.Model;
using PortfolioSync.Reports.Tests.Builders;

namespace PortfolioSync.Reports.Tests;

public sealed class XlsxTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private XLWorkbook WriteUk()
    {
        var value = new ValueReportBuilder().Series("main", "BTC", "2024-04-06", 30, 1m, 0m, 50000m, 0m, 0m).Build();
        var folder = ReportWriter.Write(Samples.Uk().Value(value).Build(), _temp.Path, ReportFormats.Xlsx);
        return new XLWorkbook(Path.Combine(folder, "tax-report-2024-25.xlsx"));
    }

    [Fact]
    public void The_workbook_has_the_contract_sheets_in_order()
    {
        using var wb = WriteUk();
        wb.Worksheets.Select(w => w.Name).Should().Equal("Summary", "Disposals", "Income", "Holdings", "Transactions", "Warnings", "SA108", "Value");
    }

    [Fact]
    public void A_us_workbook_has_a_form_8949_sheet_instead_of_sa108()
    {
        var folder = ReportWriter.Write(Samples.Us().Build(), _temp.Path, ReportFormats.Xlsx);
        using var wb = new XLWorkbook(Path.Combine(folder, "tax-report-2024.xlsx"));
        wb.Worksheets.Select(w => w.Name).Should().Equal("Summary", "Disposals", "Income", "Holdings", "Transactions", "Warnings", "Form 8949");
        var sheet = wb.Worksheet("Form 8949");
        sheet.Cell(2, 3).GetDateTime().Should().Be(new DateTime(2024, 2, 29), "the date sold is the New York date");
    }

    [Fact]
    public void Header_rows_carry_the_csv_column_names_bold_frozen_and_filtered()
    {
        using var wb = WriteUk();
        var ws = wb.Worksheet("Disposals");
        ws.Row(1).Cells(1, 15).Select(c => c.GetString()).Should().Equal(
            "tax_year", "disposal_id", "account", "asset", "disposed_at", "quantity", "proceeds", "cost", "fees", "gain",
            "acquired_at", "lot_id", "match_rule", "term", "method");
        ws.Cell(1, 1).Style.Font.Bold.Should().BeTrue();
        ws.SheetView.SplitRow.Should().Be(1);
        ws.AutoFilter.IsEnabled.Should().BeTrue();
        ws.AutoFilter.Range.RangeAddress.ToString().Should().Be("A1:P9");
        foreach (var sheet in wb.Worksheets) sheet.SheetView.SplitRow.Should().Be(1, sheet.Name);
    }

    [Fact]
    public void Money_cells_are_numbers_with_the_money_format_holding_the_unrounded_value()
    {
        using var wb = WriteUk();
        var proceeds = wb.Worksheet("Disposals").Cell(2, 7);
        proceeds.DataType.Should().Be(XLDataType.Number);
        proceeds.GetDouble().Should().Be(4200.123);
        proceeds.Style.NumberFormat.Format.Should().Be("#,##0.00");
        var quantity = wb.Worksheet("Disposals").Cell(2, 6);
        quantity.Style.NumberFormat.Format.Should().Be("0.00000000");
        quantity.GetDouble().Should().Be(0.1);
    }

    [Fact]
    public void Disposals_end_with_a_total_row_of_sum_formulas()
    {
        using var wb = WriteUk();
        var ws = wb.Worksheet("Disposals");
        ws.Cell(10, 1).GetString().Should().Be("Total");
        ws.Cell(10, 7).FormulaA1.Should().Be("SUM(G2:G9)");
        ws.Cell(10, 10).FormulaA1.Should().Be("SUM(J2:J9)");
        ws.Cell(10, 7).Style.NumberFormat.Format.Should().Be("#,##0.00");
        // ClosedXML evaluates the formula on read: the rounded total agrees with summary.csv's total row.
        Math.Round(ws.Cell(10, 7).GetDouble(), 2).Should().Be(35514.93);
    }

    [Fact]
    public void The_summary_sheet_totals_are_formulas_and_the_notes_follow()
    {
        using var wb = WriteUk();
        var ws = wb.Worksheet("Summary");
        ws.Cell(5, 1).GetString().Should().Be("Total");
        ws.Cell(5, 3).FormulaA1.Should().Be("SUM(C2:C4)");
        ws.Cell(5, 3).GetDouble().Should().Be(6);
        Math.Round(ws.Cell(5, 7).GetDouble(), 2).Should().Be(8551.25);
        ws.Cell(7, 1).GetString().Should().Be("Notes");
        ws.Cell(8, 1).GetString().Should().StartWith("Tax year 2024-25: 2024-04-06 to 2025-04-05");
        ws.Range(8, 1, 8, 9).IsMerged().Should().BeTrue();
        Enumerable.Range(9, 6).Select(r => ws.Cell(r, 1).GetString()).Should()
            .Contain(n => n.Contains("rounded sum of the unrounded values", StringComparison.Ordinal));
    }

    [Fact]
    public void Instants_are_real_dates_with_a_date_time_format()
    {
        using var wb = WriteUk();
        var disposedAt = wb.Worksheet("Disposals").Cell(2, 5);
        disposedAt.DataType.Should().Be(XLDataType.DateTime);
        disposedAt.GetDateTime().Should().Be(new DateTime(2024, 5, 10, 14, 3, 7), "the workbook shows whole seconds");
        disposedAt.Style.NumberFormat.Format.Should().Be("yyyy-mm-dd hh:mm:ss");
        var date = wb.Worksheet("Value").Cell(2, 1);
        date.DataType.Should().Be(XLDataType.DateTime);
        date.GetDateTime().Should().Be(new DateTime(2024, 4, 6));
        date.Style.NumberFormat.Format.Should().Be("yyyy-mm-dd");
    }

    [Fact]
    public void Unknown_values_are_empty_cells_and_their_total_says_incomplete()
    {
        using var wb = WriteUk();
        var ws = wb.Worksheet("Holdings");
        // external BTC (outside), universal BTC, universal ETH (no price), both on the exchange
        ws.Cell(2, 2).GetString().Should().Be("outside");
        ws.Cell(4, 2).GetString().Should().Be("exchange");
        ws.Cell(4, 3).GetString().Should().Be("ETH");
        ws.Cell(4, 7).IsEmpty().Should().BeTrue("an unknown market value is not zero");
        ws.Cell(5, 1).IsEmpty().Should().BeTrue("holdings on the exchange and withdrawn ones are never added up in one SUM row");
        var facts = ws.RangeUsed()!.CellsUsed().Where(c => c.GetString().Contains("market value", StringComparison.Ordinal))
            .Select(c => (Title: c.GetString(), Value: c.CellRight())).ToList();
        facts.Select(f => f.Title).Should().Equal("On the exchange: market value (GBP)", "Withdrawn to outside: market value (GBP)");
        facts[0].Value.GetString().Should().Be("unknown", "the exchange total includes ETH, which has no price");
        facts[1].Value.GetDouble().Should().BeGreaterThan(0, "the outside total is complete");
    }

    [Fact]
    public void A_time_just_before_midnight_is_not_rounded_into_the_next_day()
    {
        using var wb = WriteUk();
        // 2025-01-15T23:59:59.999999999Z
        wb.Worksheet("Disposals").Cell(9, 5).GetDateTime().Should().Be(new DateTime(2025, 1, 15, 23, 59, 59));
    }

    [Fact]
    public void Column_widths_are_set_from_the_content_within_limits()
    {
        using var wb = WriteUk();
        var ws = wb.Worksheet("Disposals");
        ws.Column(2).Width.Should().BeApproximately("disposal:dca-bot:310".Length + 2, 0.5, "the longest disposal id");
        ws.Column(5).Width.Should().BeApproximately(21, 0.5, "a date-time shows 19 characters");
        ws.Column(7).Width.Should().BeApproximately("35,514.93".Length * 1.1 + 2, 0.01, "the bold total is the widest proceeds");
        ws.Column(14).Width.Should().BeApproximately("term".Length * 1.15 + 2, 0.5, "an empty column is as wide as its header");
        wb.Worksheet("Warnings").Column(6).Width.Should().BeApproximately(90, 0.5, "long messages wrap at the limit");
        wb.Worksheet("Warnings").Row(3).Height.Should().BeGreaterThan(15, "a two-line message gets a taller row");
    }

    [Fact]
    public void Sheets_print_on_a4_with_the_header_row_repeated_and_wide_sheets_in_landscape()
    {
        using var wb = WriteUk();
        foreach (var ws in wb.Worksheets)
        {
            ws.PageSetup.PaperSize.Should().Be(XLPaperSize.A4Paper, ws.Name);
            ws.PageSetup.FirstRowToRepeatAtTop.Should().Be(1, ws.Name);
            ws.PageSetup.LastRowToRepeatAtTop.Should().Be(1, ws.Name);
            ws.PageSetup.PagesWide.Should().Be(1, ws.Name);
        }
        wb.Worksheet("Disposals").PageSetup.PageOrientation.Should().Be(XLPageOrientation.Landscape);
    }

    [Fact]
    public void The_value_sheet_shows_the_series_and_the_facts_beside_it()
    {
        using var wb = WriteUk();
        var ws = wb.Worksheet("Value");
        ws.Row(1).Cells(1, 6).Select(c => c.GetString()).Should().Equal("date", "account", "asset", "quantity", "price", "value");
        ws.Cell(3, 2).GetString().Should().Be(ValueReport.TotalMarker);
        ws.Cell(3, 6).GetDouble().Should().Be(50000);
        ws.Cell(1, 8).GetString().Should().Be("Currency");
        ws.Cell(1, 9).GetString().Should().Be("GBP");
    }

    [Fact]
    public void A_value_workbook_can_be_written_alone()
    {
        var value = new ValueReportBuilder().Row("2024-01-01", "main", "BTC", "1", "40000").Build();
        ValueReportWriter.Write(value, _temp.Path, ReportFormats.Xlsx);
        using var wb = new XLWorkbook(_temp["value.xlsx"]);
        wb.Worksheets.Select(w => w.Name).Should().Equal("Value", "Warnings");
    }

    [Fact]
    public void Document_properties_are_fixed_so_the_same_report_gives_the_same_bytes()
    {
        var first = ReportWriter.Write(Samples.Uk().Build(), _temp["a"], ReportFormats.Xlsx);
        Thread.Sleep(1100);   // zip entry times have a 2-second resolution: make sure the clock would show
        var second = ReportWriter.Write(Samples.Uk().Build(), _temp["b"], ReportFormats.Xlsx);
        var a = File.ReadAllBytes(Path.Combine(first, "tax-report-2024-25.xlsx"));
        File.ReadAllBytes(Path.Combine(second, "tax-report-2024-25.xlsx")).Should().Equal(a);
        using var wb = new XLWorkbook(Path.Combine(first, "tax-report-2024-25.xlsx"));
        wb.Properties.Created.ToUniversalTime().Should().Be(new DateTime(1980, 1, 1), "stored as UTC; ClosedXML reads it back as local time");
        wb.Properties.Author.Should().Be("PortfolioSync");
    }

    [Fact]
    public void A_table_longer_than_a_sheet_is_cut_with_a_note_pointing_to_the_csv()
    {
        // Given a sheet limit of 6 rows (header, 3 data rows, total, note)
        var report = Samples.Uk().Build();
        using var wb = new XLWorkbook();

        // When the 8 disposal rows are written
        var ws = Xlsx.SheetWriter.Write(wb, Tables.ReportTables.Disposals(report), rowLimit: 6);

        // Then 3 rows, their total and the note are there
        ws.Cell(4, 2).GetString().Should().Be("disposal:main:201");
        ws.Cell(5, 1).GetString().Should().Be("Total");
        ws.Cell(5, 7).FormulaA1.Should().Be("SUM(G2:G4)");
        ws.Cell(6, 1).GetString().Should().Be("The sheet shows the first 3 of 8 rows; disposals.csv has them all.");
    }
}

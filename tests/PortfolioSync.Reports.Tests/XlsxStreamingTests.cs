using ClosedXML.Excel;
using PortfolioSync.Reports.Model;
using PortfolioSync.Reports.Tables;
using PortfolioSync.Reports.Tests.Builders;
using PortfolioSync.Reports.Xlsx;

namespace PortfolioSync.Reports.Tests;

/// <summary>Large sheets skip ClosedXML's cells; the workbook must read back exactly as if they had not.</summary>
public sealed class XlsxStreamingTests
{
    [Fact]
    public void Streamed_rows_read_back_exactly_like_rows_written_through_closedxml()
    {
        // Given the same tables written both ways
        var value = new ValueReportBuilder().Series("main", "BTC", "2024-04-06", 5, 1m, 0.1m, 50000m, 0.01m, 0.1m).Build();
        var tables = ReportTables.For(Samples.Uk().Value(value).Build());
        using var closed = Open(tables, streamFrom: int.MaxValue);
        using var streamed = Open(tables, streamFrom: 0);

        // Then every row has the same height and every cell the same value, type, format, alignment and formula
        streamed.Worksheets.Select(w => w.Name).Should().Equal(closed.Worksheets.Select(w => w.Name));
        foreach (var expectedSheet in closed.Worksheets)
        {
            var actualSheet = streamed.Worksheet(expectedSheet.Name);
            actualSheet.LastRowUsed().RowNumber().Should().Be(expectedSheet.LastRowUsed().RowNumber(), expectedSheet.Name);
            foreach (var row in expectedSheet.RowsUsed())
                actualSheet.Row(row.RowNumber()).Height.Should().Be(row.Height, $"{expectedSheet.Name} row {row.RowNumber()} height");
            foreach (var expected in expectedSheet.RangeUsed().Cells())
            {
                var actual = actualSheet.Cell(expected.Address.RowNumber, expected.Address.ColumnNumber);
                var where = $"{expectedSheet.Name}!{expected.Address}";
                actual.DataType.Should().Be(expected.DataType, where);
                actual.Value.Should().Be(expected.Value, where);
                actual.FormulaA1.Should().Be(expected.FormulaA1, where);
                actual.Style.NumberFormat.Format.Should().Be(expected.Style.NumberFormat.Format, where);
                actual.Style.Alignment.Horizontal.Should().Be(expected.Style.Alignment.Horizontal, where);
                actual.Style.Font.Bold.Should().Be(expected.Style.Font.Bold, where);
            }
        }
    }

    [Fact]
    public void Text_that_xml_cannot_hold_as_is_is_escaped_in_streamed_rows()
    {
        var report = new TaxReportBuilder()
            .Disposal("a<b>&\"c\"", "BTC", "2024-06-01", "1", "1", "1", account: "tab\there", lot: "bell\u0007")
            .Build();
        using var wb = Open(ReportTables.For(report), streamFrom: 0);
        var ws = wb.Worksheet("Disposals");
        ws.Cell(2, 2).GetString().Should().Be("a<b>&\"c\"");
        ws.Cell(2, 3).GetString().Should().Be("tab\there");
        ws.Cell(2, 12).GetString().Should().Be("bell\uFFFD", "a control character XML cannot carry is replaced");
    }

    [Fact]
    public void A_large_report_is_streamed_and_deterministic()
    {
        // Given 3,000 disposals (over the streaming threshold)
        var builder = new TaxReportBuilder();
        for (var i = 0; i < 3000; i++)
            builder.Disposal($"d{i:0000}", "BTC", "2024-06-01T10:00:00Z", "0.001", (10 + i).ToString(), "5");
        var report = builder.Build();

        // When it is written twice
        using var a = new MemoryStream();
        using var b = new MemoryStream();
        WorkbookWriter.Write(ReportTables.For(report), "t", a);
        WorkbookWriter.Write(ReportTables.For(report), "t", b);

        // Then
        a.ToArray().Should().Equal(b.ToArray());
        a.Position = 0;
        using var wb = new XLWorkbook(a);
        var ws = wb.Worksheet("Disposals");
        ws.Cell(3001, 7).GetDouble().Should().Be(3009);
        ws.Cell(3002, 7).FormulaA1.Should().Be("SUM(G2:G3001)");
        ws.AutoFilter.Range.RangeAddress.ToString().Should().Be("A1:P3001");
    }

    [Fact]
    public void A_large_value_sheet_is_streamed_with_bold_day_totals_and_its_facts_beside_the_rows()
    {
        // Given 1,500 days of two holdings: 4,500 rows with the daily totals, over the streaming threshold
        var report = new ValueReportBuilder()
            .Series("main", "BTC", "2020-01-01", 1500, 1m, 0.01m, 9000m, 0.001m, 0.1m)
            .Series("main", "ETH", "2020-01-01", 1500, 10m, 0.1m, 200m, 0.001m, 0.1m)
            .Build();

        // When its workbook is written twice
        using var a = new MemoryStream();
        using var b = new MemoryStream();
        ValueReportWriter.WriteWorkbook(report, a);
        ValueReportWriter.WriteWorkbook(report, b);

        // Then it is deterministic, the rows were streamed (inline strings, not ClosedXML's shared strings)…
        a.ToArray().Should().Equal(b.ToArray());
        a.Position = 0;
        using (var zip = new System.IO.Compression.ZipArchive(a, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true))
        using (var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open()))
            reader.ReadToEnd().Should().Contain("<x:c r=\"B4500\" s=", "row 4500 is there").And.Contain("t=\"inlineStr\"");
        a.Position = 0;
        using var wb = new XLWorkbook(a);
        var ws = wb.Worksheet("Value");

        // …each day's total row is bold across the table, holdings are not, and formats are the columns' own
        ws.Cell(4, 2).GetString().Should().Be(ValueReport.TotalMarker);
        for (var c = 1; c <= 6; c++)
        {
            ws.Cell(4, c).Style.Font.Bold.Should().BeTrue($"total row, column {c}");
            ws.Cell(2, c).Style.Font.Bold.Should().BeFalse($"holding row, column {c}");
        }
        ws.Cell(4, 6).Style.NumberFormat.Format.Should().Be(ws.Cell(2, 6).Style.NumberFormat.Format).And.Be("#,##0.00");
        ws.Cell(4, 6).Style.Alignment.Horizontal.Should().Be(XLAlignmentHorizontalValues.Right);
        ws.Cell(4501, 2).GetString().Should().Be(ValueReport.TotalMarker);
        ws.Cell(4501, 6).GetDouble().Should().BeApproximately((double)report.Days[^1].Total!.Value, 1e-6);

        // …and the facts stand beside the first rows, as ClosedXML wrote them
        ws.Cell(1, 8).GetString().Should().Be("Currency");
        ws.Cell(1, 9).GetString().Should().Be(report.Currency.Code);
        ws.Cell(1, 8).Style.Font.Bold.Should().BeTrue();
        ws.Cell(5, 8).GetString().Should().StartWith("Value at end");
        ws.Cell(5, 9).GetDouble().Should().BeApproximately((double)report.ValueAtEnd!.Value, 1e-6);
    }

    private static XLWorkbook Open(IReadOnlyList<IReportTable> tables, int streamFrom)
    {
        var stream = new MemoryStream();
        WorkbookWriter.Write(tables, "test", stream, streamFrom);
        stream.Position = 0;
        return new XLWorkbook(stream);
    }
}

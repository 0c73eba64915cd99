using System.Text;
using CsvHelper;
using PortfolioSync.Domain.Tax;
using PortfolioSync.Domain.Warnings;
using PortfolioSync.Reports.Tests.Builders;

namespace PortfolioSync.Reports.Tests;

public sealed class CsvFormatTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Write(TaxReportBuilder builder) => ReportWriter.Write(builder.Build(), _temp.Path, ReportFormats.Csv);

    [Fact]
    public void Every_file_has_exactly_the_contract_header()
    {
        // The contract of DESIGN.md §9 and docs/reports.md, written out here rather than taken from the code.
        var expected = new Dictionary<string, string>
        {
            ["disposals.csv"] = "tax_year,disposal_id,account,asset,disposed_at,quantity,proceeds,cost,fees,gain,acquired_at,lot_id,match_rule,term,method,note",
            ["summary.csv"] = "tax_year,asset,disposals,proceeds,costs,fees,gains,losses,net,incomplete",
            ["income.csv"] = "received_at,account,asset,quantity,value,kind,entry_id",
            ["holdings.csv"] = "pool,location,asset,quantity,cost,price,market_value,unrealized_gain",
            ["transactions.csv"] = "entry_id,account,at,kind,leg,asset,quantity,value,fee,fee_asset,fee_value,order_id,source_key",
            ["warnings.csv"] = "code,severity,at,account,entry_id,message",
            ["sa108-summary.csv"] = "tax_year,disposals,disposal_proceeds,allowable_costs,gains,losses,net,incomplete",
            ["form-8949.csv"] = "description,date_acquired,date_sold,proceeds,cost,adjustment_code,adjustment,gain,term",
            ["value.csv"] = "date,account,asset,quantity,price,value",
        };
        var value = new ValueReportBuilder().Row("2024-05-01", "main", "BTC", "1", "1").Build();
        var uk = ReportWriter.Write(Samples.Uk().Value(value).Build(), _temp["uk"], ReportFormats.Csv);
        var us = ReportWriter.Write(Samples.Us().Build(), _temp["us"], ReportFormats.Csv);
        foreach (var file in Directory.GetFiles(uk, "*.csv").Concat(Directory.GetFiles(us, "*.csv")))
            File.ReadLines(file).First().Should().Be(expected[Path.GetFileName(file)], Path.GetFileName(file));
    }

    [Fact]
    public void Files_are_utf8_without_bom_with_lf_line_ends()
    {
        var folder = Write(Samples.Uk().Income("2024-12-01T00:00:00Z", "ETH", "1", "2000", account: "café-£"));
        var bytes = File.ReadAllBytes(Path.Combine(folder, "income.csv"));
        bytes.AsSpan(0, 3).ToArray().Should().NotEqual(new byte[] { 0xEF, 0xBB, 0xBF });
        bytes.Should().NotContain((byte)'\r');
        bytes[^1].Should().Be((byte)'\n');
        Encoding.UTF8.GetString(bytes).Should().Contain("café-£");
    }

    [Fact]
    public void Commas_quotes_and_line_breaks_are_quoted_as_rfc_4180_says_and_read_back_unchanged()
    {
        // Given
        const string message = "Deposit of 1 ETH, \"from outside\";\nno cost basis";
        var folder = Write(new TaxReportBuilder().Warning(WarningCode.MissingCostBasis, message, account: "bot, \"grid\""));

        // When
        var text = File.ReadAllText(Path.Combine(folder, "warnings.csv"));

        // Then
        text.Should().Contain("\"bot, \"\"grid\"\"\"").And.Contain("\"Deposit of 1 ETH, \"\"from outside\"\";\nno cost basis\"");
        using var reader = CsvReader.FromText(text);
        var messages = new List<string>();
        while (reader.Read()) messages.Add(reader.GetString("message"));
        messages.Should().Contain(message);
    }

    [Fact]
    public void Money_is_rounded_half_away_from_zero_and_quantities_keep_every_digit()
    {
        var folder = Write(new TaxReportBuilder()
            .Disposal("d1", "BTC", "2024-06-01T00:00:00Z", "0.000000000000000001", "0.005", "0.015", fees: "0.004999"));
        var row = File.ReadLines(Path.Combine(folder, "disposals.csv")).Skip(1).First().Split(',');
        row[5].Should().Be("0.000000000000000001");
        row[6].Should().Be("0.01", "0.005 rounds away from zero");
        row[7].Should().Be("0.02", "0.015 rounds away from zero (not to even)");
        row[8].Should().Be("0.00");
        row[9].Should().Be("-0.01", "gain -0.014999 rounds to -0.01");
    }

    [Fact]
    public void A_total_is_the_rounded_sum_of_unrounded_values_not_the_sum_of_rounded_rows()
    {
        // Given three gains of 0.335: each row shows 0.34, yet the total is 1.005, shown as 1.01
        var folder = Write(new TaxReportBuilder()
            .Disposal("d1", "SOL", "2024-09-02", "1", "1.335", "1")
            .Disposal("d2", "SOL", "2024-09-03", "1", "1.335", "1")
            .Disposal("d3", "SOL", "2024-09-04", "1", "1.335", "1"));

        var lines = File.ReadAllLines(Path.Combine(folder, "summary.csv"));

        lines.Should().Equal(
            "tax_year,asset,disposals,proceeds,costs,fees,gains,losses,net,incomplete",
            "2024-25,SOL,3,4.01,3.00,0.00,1.01,0.00,1.01,0",
            "2024-25,*total*,3,4.01,3.00,0.00,1.01,0.00,1.01,0");
        File.ReadLines(Path.Combine(folder, "disposals.csv")).Skip(1).Should().AllSatisfy(l => l.Split(',')[9].Should().Be("0.34"));
    }

    [Fact]
    public void An_unknown_value_is_an_empty_cell_and_a_known_zero_is_written()
    {
        var folder = Write(new TaxReportBuilder()
            .Holding("universal", "ETH", "3", "0", null)
            .Holding("universal", "BTC", "1", "0", "0"));
        File.ReadAllLines(Path.Combine(folder, "holdings.csv")).Should().Equal(
            "pool,location,asset,quantity,cost,price,market_value,unrealized_gain",
            "universal,exchange,BTC,1,0.00,0,0.00,0.00",
            "universal,exchange,ETH,3,0.00,,,");
        File.ReadAllText(Path.Combine(folder, "warnings.csv")).Should().Contain("missing-price,warning,,,,No GBP price for ETH");
    }

    [Fact]
    public void An_empty_year_writes_every_file_with_its_header_and_a_notice_saying_why()
    {
        // Given
        var report = new TaxReportBuilder().For(Jurisdiction.Us, 2019).Build();

        // When
        var folder = ReportWriter.Write(report, _temp.Path, ReportFormats.Csv | ReportFormats.Xlsx);

        // Then
        report.IsEmpty.Should().BeTrue();
        foreach (var name in new[] { "disposals.csv", "income.csv", "holdings.csv", "transactions.csv", "form-8949.csv" })
            File.ReadAllLines(Path.Combine(folder, name)).Should().HaveCount(1, name);
        File.ReadAllLines(Path.Combine(folder, "summary.csv"))[1].Should().Be("2019,*total*,0,0.00,0.00,0.00,0.00,0.00,0.00,0");
        File.ReadAllLines(Path.Combine(folder, "warnings.csv")).Should().Equal(
            "code,severity,at,account,entry_id,message",
            "no-data,info,,,,\"No disposals, income or transactions in tax year 2019 (2019-01-01 to 2019-12-31 in America/New_York): "
            + "the report files contain headers only.\"");
        File.Exists(Path.Combine(folder, "tax-report-2019.xlsx")).Should().BeTrue();
    }

    [Fact]
    public void Instants_are_iso_8601_utc_with_a_fraction_only_when_there_is_one()
    {
        var folder = Write(new TaxReportBuilder()
            .Income("2024-07-01T00:00:00Z", "ETH", "1", "1")
            .Income("2024-07-02T00:00:00.5Z", "ETH", "1", "1")
            .Income("2024-07-03T00:00:00.123456789Z", "ETH", "1", "1"));
        File.ReadLines(Path.Combine(folder, "income.csv")).Skip(1).Select(l => l.Split(',')[0]).Should().Equal(
            "2024-07-01T00:00:00Z", "2024-07-02T00:00:00.5Z", "2024-07-03T00:00:00.123456789Z");
    }
}

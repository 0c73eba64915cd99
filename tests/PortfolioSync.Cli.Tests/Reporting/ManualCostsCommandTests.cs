namespace PortfolioSync.Cli.Tests.Reporting;

public sealed class ManualCostsCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>1 BTC deposited from outside on 2024-05-01 (bitstamp id 270000007), sold on 2024-06-01 for 50000 GBP.</summary>
    private static TestStore DepositThenSale() => new TestStore()
        .Deposit("main", "2024-05-01 10:00:00", "btc", "1.00000000")
        .Sell("main", "2024-06-01 10:00:00", "btc", "1.00000000", "gbp", "50000.00", "0.00");

    private async Task<CliResult> ReportAsync(string manualCosts)
    {
        DepositThenSale().WriteTo(_cli.PathIn(ReportFixture.StoreRelative));
        _cli.Write("manual-costs.csv", manualCosts);
        var config = ReportFixture.Config(_cli, "\"manualCosts\": \"manual-costs.csv\",");
        return await _cli.RunAsync("report", "--config", config, "--year", "2024");
    }

    [Fact]
    public async Task A_manual_cost_by_record_id_becomes_the_cost_of_the_deposit_and_an_unused_row_is_warned_about()
    {
        // Given the deposit's cost by account and id (30000.50), and a row that matches nothing
        var result = await ReportAsync("""
            account,external_id,asset,date,cost
            main,270000007,,,30000.50
            ,,ETH,2024-05-02,100
            """);

        // Then the sale's cost is the manual cost: gain 50000 − 0 − 30000.50 = 19999.50
        result.ExitCode.Should().Be(0, result.All);
        var sale = ReportFixture.Lines(_cli, "reports/2024-25/disposals.csv")[1].Split(',');
        sale[7].Should().Be("30000.50");
        sale[9].Should().Be("19999.50");
        var warnings = ReportFixture.Read(_cli, "reports/2024-25/warnings.csv");
        warnings.Should().Contain("manual-cost-unused").And.Contain("ETH on 2024-05-02");
        warnings.Should().NotContain("missing-cost-basis");
    }

    [Fact]
    public async Task A_manual_cost_by_asset_and_date_applies_to_that_days_deposits()
    {
        var result = await ReportAsync("account,external_id,asset,date,cost\n,,btc,2024-05-01,12000\n");

        result.ExitCode.Should().Be(0, result.All);
        ReportFixture.Lines(_cli, "reports/2024-25/disposals.csv")[1].Split(',')[7].Should().Be("12000.00");
    }

    [Theory]
    [InlineData("main,270000007,,,\"12,50\"", "manual-costs.csv:4: column 'cost': '12,50' is not a plain decimal number")]
    [InlineData("main,270000007,,,12,50", "manual-costs.csv:4: has 6 fields, the header has 5")]
    [InlineData(",,BTC,01/05/2024,100", "manual-costs.csv:4: column 'date': '01/05/2024' is not a date in the form yyyy-MM-dd")]
    [InlineData(",,BTC,2024-05-01,1e3", "manual-costs.csv:4: column 'cost': '1e3' is not a plain decimal number")]
    [InlineData(",,BTC,2024-05-01,-5", "manual-costs.csv:4: column 'cost': '-5' is negative")]
    [InlineData(",12x,,,5", "manual-costs.csv:4: column 'external_id': '12x' is not an exchange record id")]
    [InlineData(",270000007,,,5", "manual-costs.csv:4: column 'account': is empty")]
    [InlineData(",,,2024-05-01,5", "manual-costs.csv:4: column 'asset': is empty")]
    [InlineData("main,270000007,,,99", "manual-costs.csv:4: gives a second cost for main #270000007 (first on line 2)")]
    public async Task A_bad_row_exits_2_naming_file_line_and_column_and_writes_nothing(string badRow, string message)
    {
        // Given a report folder from an earlier run
        var earlier = _cli.Write("reports/2024-25/summary.csv", "an earlier report\n");

        // When the manual costs file has a bad row on line 4
        var result = await ReportAsync("account,external_id,asset,date,cost\nmain,270000007,,,1\n\n" + badRow + "\n");

        // Then exit 2 with file:line and column, and the output folder is exactly as it was (no partial folder)
        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain(message);
        result.Error.Should().Contain(_cli.PathIn("manual-costs.csv"));
        Directory.GetFileSystemEntries(_cli.PathIn("reports")).Should().Equal(_cli.PathIn("reports/2024-25"));
        Directory.GetFileSystemEntries(_cli.PathIn("reports/2024-25")).Should().Equal(earlier);
        File.ReadAllText(earlier).Should().Be("an earlier report\n");
    }

    [Fact]
    public async Task A_header_with_a_wrong_column_exits_2_at_line_1()
    {
        var result = await ReportAsync("account,id,asset,date,cost\n");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("manual-costs.csv:1: column 'id': is not a known column: the header must be account,external_id,asset,date,cost");
        Directory.Exists(_cli.PathIn("reports")).Should().BeFalse();
    }

    [Fact]
    public async Task A_missing_manual_costs_file_exits_2()
    {
        DepositThenSale().WriteTo(_cli.PathIn(ReportFixture.StoreRelative));
        var config = ReportFixture.Config(_cli, "\"manualCosts\": \"nowhere.csv\",");

        var result = await _cli.RunAsync("report", "--config", config, "--year", "2024");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("nowhere.csv:0: no such file");
    }
}

using ClosedXML.Excel;

namespace PortfolioSync.Cli.Tests.Reporting;

public sealed class ValueCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>
    /// main: 2024-01-01 09:00 deposit 25000 GBP; 10:00 buy 0.5 BTC for 15000 GBP, fee 15 → 0.5 BTC (cost 15015) and
    /// 25000 − 15000 − 15 = 9985 GBP. BTC/GBP closes: 01-01 30000, 01-02 32000, 01-03 none, 01-04 34000.
    /// bot: 2024-01-03 deposit 100 GBP.
    /// Values (January is GMT, so London days are UTC days):
    ///   01-01: 0.5 × 30000 + 9985 = 24985.00
    ///   01-02: 0.5 × 32000 + 9985 = 25985.00
    ///   01-03: 0.5 × 32000 (carried forward) + 9985 + 100 = 26085.00
    ///   01-04: 0.5 × 34000 + 9985 + 100 = 27085.00
    /// Unrealized gain on 01-04: 0.5 × 34000 − 15015 = 1985.00.
    /// </summary>
    private static TestStore Ledger() => new TestStore()
        .Deposit("main", "2024-01-01 09:00:00", "gbp", "25000.00")
        .Buy("main", "2024-01-01 10:00:00", "btc", "0.50000000", "gbp", "15000.00", "15.00")
        .Deposit("bot", "2024-01-03 12:00:00", "gbp", "100.00")
        .Close("btc/gbp", "2024-01-01", "30000").Close("btc/gbp", "2024-01-02", "32000").Close("btc/gbp", "2024-01-04", "34000");

    private async Task<CliResult> ValueAsync(params string[] extra)
    {
        var config = ReportFixture.Config(_cli);
        return await _cli.RunAsync(["value", "--config", config, .. extra]);
    }

    [Fact]
    public async Task The_daily_values_and_the_unrealized_gain_match_the_hand_worked_figures()
    {
        Ledger().WriteTo(_cli.PathIn(ReportFixture.StoreRelative));

        var result = await ValueAsync();

        // Then from the first ledger day to the newest price date, into reports/value/
        result.ExitCode.Should().Be(0, result.All);
        Directory.GetFiles(_cli.PathIn("reports/value")).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .Should().Equal("value.csv", "value.png", "value.xlsx");
        var lines = ReportFixture.Lines(_cli, "reports/value/value.csv");
        lines[0].Should().Be("date,account,asset,quantity,price,value");
        lines.Where(l => l.Contains(",*total*,", StringComparison.Ordinal)).Should().Equal(
            "2024-01-01,*total*,,,,24985.00",
            "2024-01-02,*total*,,,,25985.00",
            "2024-01-03,*total*,,,,26085.00",
            "2024-01-04,*total*,,,,27085.00");
        lines.Should().Contain("2024-01-02,main,BTC,0.5,32000,16000.00");
        lines.Should().Contain("2024-01-03,main,BTC,0.5,32000,16000.00", "the gap is filled from the last close, never zero");
        lines.Should().Contain("2024-01-03,bot,GBP,100,1,100.00");
        result.Out.Should().Contain("value on 2024-01-04: 27085.00 GBP");
        result.Out.Should().Contain("unrealized gain on 2024-01-04: 1985.00 GBP (cost basis 15015.00 GBP, method uk)");

        // And the workbook lists the gap as a warning
        using var wb = new XLWorkbook(_cli.PathIn("reports/value/value.xlsx"));
        wb.Worksheets.Select(w => w.Name).Should().Equal("Value", "Warnings");
        wb.Worksheet("Warnings").RangeUsed()!.RowsUsed().Select(r => r.Cell(1).GetString()).Should().Contain("price-gap-filled");
        new FileInfo(_cli.PathIn("reports/value/value.png")).Length.Should().BeGreaterThan(10_000);
    }

    [Fact]
    public async Task One_account_between_two_dates_in_the_given_folder()
    {
        Ledger().WriteTo(_cli.PathIn(ReportFixture.StoreRelative));

        var result = await ValueAsync("--account", "main", "--from", "2024-01-02", "--to", "2024-01-03", "--out", "mine");

        result.ExitCode.Should().Be(0, result.All);
        var totals = ReportFixture.Lines(_cli, "mine/value.csv").Where(l => l.Contains(",*total*,", StringComparison.Ordinal));
        totals.Should().Equal("2024-01-02,*total*,,,,25985.00", "2024-01-03,*total*,,,,25985.00");
        result.Out.Should().Contain("unrealized gain on 2024-01-03: 985.00 GBP");
    }

    [Theory]
    [InlineData("--from", "2024/01/02", "--from: '2024/01/02' is not a date in the form yyyy-MM-dd")]
    [InlineData("--account", "nobody", "--account: the store has no entries of account 'nobody'; accounts in the store: bot, main")]
    [InlineData("--currency", "XYZ", "--currency: no stored market quotes or converts XYZ")]
    public async Task A_bad_option_exits_2_with_a_clear_message(string option, string value, string message)
    {
        Ledger().WriteTo(_cli.PathIn(ReportFixture.StoreRelative));

        var result = await ValueAsync(option, value);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain(message);
        Directory.Exists(_cli.PathIn("reports")).Should().BeFalse();
    }

    [Fact]
    public async Task Without_a_store_it_exits_2()
    {
        var result = await ValueAsync();

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("no store at");
    }
}

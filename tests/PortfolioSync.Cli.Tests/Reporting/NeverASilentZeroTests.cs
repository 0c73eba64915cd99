using ClosedXML.Excel;

namespace PortfolioSync.Cli.Tests.Reporting;

/// <summary>
/// Issue 19, as a new user met it: an unknown price must never become 0.00, a typo in the base currency must not give
/// a report of zeros, and the files handed to an accountant must say what each figure is (location of holdings, the
/// date of a warning, zero-cost deposits on their rows), carry no home folder and stay readable in Excel.
/// </summary>
public sealed class NeverASilentZeroTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private Task<CliResult> ReportAsync(string extraConfig = "", params string[] args) =>
        _cli.RunAsync(["report", "--config", ReportFixture.Config(_cli, extraConfig), "--year", "2024", .. args]);

    /// <summary>
    /// Base GBP, and no EUR price anywhere in the store:
    /// <code>
    /// 2024-05-01 buy  1 BTC for 20000 GBP (fee 0)     lot A, cost 20000 (known)
    /// 2024-05-02 buy  1 BTC for 30000 EUR (fee 0)     lot B, cost unknown (no EUR->GBP price)
    /// 2024-06-01 sell 1 BTC for 50000 EUR (fee 0)     proceeds unknown
    /// 2024-07-01 sell 1 BTC for 40000 GBP (fee 0)     proceeds 40000; from the s104 pool, which holds lot B: cost unknown
    /// </code>
    /// Two disposals, both incomplete: every money total is empty, never 0.00, and the report exits 6.
    /// </summary>
    [Fact]
    public async Task Unknown_proceeds_and_costs_are_empty_everywhere_and_the_report_exits_6()
    {
        new TestStore()
            .Deposit("main", "2024-04-10 09:00:00", "gbp", "100000.00")
            .Deposit("main", "2024-04-10 09:00:00", "eur", "100000.00")
            .Buy("main", "2024-05-01 10:00:00", "btc", "1.00000000", "gbp", "20000.00", "0.00")
            .Buy("main", "2024-05-02 10:00:00", "btc", "1.00000000", "eur", "30000.00", "0.00")
            .Sell("main", "2024-06-01 10:00:00", "btc", "1.00000000", "eur", "50000.00", "0.00")
            .Sell("main", "2024-07-01 10:00:00", "btc", "1.00000000", "gbp", "40000.00", "0.00")
            .WriteTo(_cli.PathIn(ReportFixture.StoreRelative));

        var result = await ReportAsync();

        result.ExitCode.Should().Be(6, result.All);
        result.Error.Should().Contain("the report is incomplete: 2 disposal(s) in 2024-25 lack proceeds, cost or fees");
        result.Out.Should().Contain("proceeds unknown  costs unknown  fees 0.00  gains unknown  losses unknown  net unknown GBP  (2 incomplete)");

        var disposals = ReportFixture.Lines(_cli, "reports/2024-25/disposals.csv");
        var header = disposals[0].Split(',');
        string Field(string line, string name) => line.Split(',')[Array.IndexOf(header, name)];
        disposals.Skip(1).Should().HaveCount(2);
        var june = disposals.Single(l => l.Contains("2024-06-01T10:00:00Z"));
        Field(june, "proceeds").Should().BeEmpty("no EUR->GBP price: unknown, not 0.00");
        Field(june, "gain").Should().BeEmpty();
        Field(june, "note").Should().Contain("proceeds-unknown").And.Contain("cost-unknown");
        var july = disposals.Single(l => l.Contains("2024-07-01T10:00:00Z"));
        Field(july, "proceeds").Should().Be("40000.00");
        Field(july, "cost").Should().BeEmpty("the pool still holds the lot whose cost is unknown");
        Field(july, "gain").Should().BeEmpty();
        Field(july, "note").Should().Be("cost-unknown");

        ReportFixture.Lines(_cli, "reports/2024-25/summary.csv").Skip(1).Should().Equal(
            "2024-25,BTC,2,,,0.00,,,,2",
            "2024-25,*total*,2,,,0.00,,,,2");
        ReportFixture.Lines(_cli, "reports/2024-25/sa108-summary.csv")[1].Should().Be("2024-25,year,2,,,,,,2,3000.00,50000.00,");
        ReportFixture.Read(_cli, "reports/2024-25/warnings.csv").Should().Contain("incomplete-disposals,error,");
        ReportFixture.Read(_cli, "reports/2024-25/notes.txt").Should().Contain("INCOMPLETE: 2 disposal(s)");
        foreach (var file in new[] { "disposals.csv", "summary.csv", "sa108-summary.csv" })
            ReportFixture.Lines(_cli, "reports/2024-25/" + file)
                .Where(l => !l.Contains(",from 2024-10-30,0,", StringComparison.Ordinal))   // no disposals from 30 Oct: true zeros
                .Should().NotContain(l => l.Contains(",0.00,0.00,0.00", StringComparison.Ordinal), file);

        using var wb = new XLWorkbook(_cli.PathIn("reports/2024-25/tax-report-2024-25.xlsx"));
        var sheet = wb.Worksheet("Disposals");
        var proceedsColumn = Array.IndexOf(header, "proceeds") + 1;
        sheet.Cell(4, 1).GetString().Should().Be("Total");
        sheet.Cell(4, proceedsColumn).GetString().Should().Be("incomplete", "a SUM would count the unknown proceeds as zero");
    }

    [Fact]
    public async Task A_complete_report_still_exits_0()
    {
        ReportFixture.HandWorked().WriteTo(_cli.PathIn(ReportFixture.StoreRelative));

        var result = await ReportAsync();

        result.ExitCode.Should().Be(0, result.All);
        ReportFixture.Lines(_cli, "reports/2024-25/summary.csv")[^1].Should().EndWith(",13183.25,0");
    }

    [Theory]
    [InlineData("GPB", "did you mean GBP?")]
    [InlineData("EUT", "did you mean EUR?")]
    [InlineData("CHF", "use GBP, EUR, USD")]
    public async Task A_base_currency_bitstamp_does_not_price_is_a_config_error_not_a_report_of_zeros(string currency, string hint)
    {
        ReportFixture.HandWorked().WriteTo(_cli.PathIn(ReportFixture.StoreRelative));

        var result = await ReportAsync($"\"baseCurrency\": \"{currency}\",");

        result.ExitCode.Should().Be(2, result.All);
        result.Error.Should().Contain("baseCurrency").And.Contain($"'{currency}' is not a currency Bitstamp prices").And.Contain(hint);
        Directory.Exists(_cli.PathIn("reports/2024-25")).Should().BeFalse("nothing is written from a bad config");
    }

    /// <summary>
    /// 1 BTC bought for 20000 GBP and 1 BTC deposited from outside with no cost (a zero-cost lot), 0.5 BTC withdrawn,
    /// 0.5 BTC sold: the sale draws on the s104 pool, which holds the zero-cost coins, so its row says so.
    /// </summary>
    [Fact]
    public async Task Accountant_files_flag_zero_cost_deposits_date_warnings_split_holdings_and_carry_no_home_folder()
    {
        new TestStore()
            .Deposit("main", "2024-04-10 09:00:00", "gbp", "100000.00")
            .Buy("main", "2024-05-01 10:00:00", "btc", "1.00000000", "gbp", "20000.00", "0.00")
            .Deposit("main", "2024-05-02 10:00:00", "btc", "1.00000000")
            .Withdrawal("main", "2024-05-03 10:00:00", "btc", "0.50000000")
            .Sell("main", "2024-06-01 10:00:00", "btc", "0.50000000", "gbp", "15000.00", "0.00")
            .Close("btc/gbp", "2025-04-05", "60000")
            .WriteTo(_cli.PathIn(ReportFixture.StoreRelative));

        var result = await ReportAsync();

        result.ExitCode.Should().Be(0, result.All);
        var disposals = ReportFixture.Lines(_cli, "reports/2024-25/disposals.csv");
        disposals[0].Should().EndWith(",method,note");
        disposals[1].Should().EndWith(",uk,zero-cost-deposit", "the pool it was matched with holds coins taken at zero cost");

        // Warnings carry the date of their entry, and plain ASCII (Excel opens UTF-8 without a BOM as ANSI).
        var warnings = ReportFixture.Lines(_cli, "reports/2024-25/warnings.csv");
        warnings[0].Should().Be("code,severity,at,account,entry_id,message");
        warnings.Should().Contain(l => l.StartsWith("missing-cost-basis,warning,2024-05-02T10:00:00Z,main,", StringComparison.Ordinal));
        foreach (var file in Directory.GetFiles(_cli.PathIn("reports/2024-25"), "*.csv"))
            File.ReadAllBytes(file).Should().OnlyContain(b => b < 0x80, Path.GetFileName(file) + " must read the same in Excel");

        // Holdings: on the exchange and withdrawn coins are told apart and never summed together.
        ReportFixture.Lines(_cli, "reports/2024-25/holdings.csv").Should().Equal(
            "pool,location,asset,quantity,cost,price,market_value,unrealized_gain",
            "external,outside,BTC,0.5,5000.00,60000,30000.00,25000.00",
            "universal,exchange,BTC,1,10000.00,60000,60000.00,50000.00");
        using (var wb = new XLWorkbook(_cli.PathIn("reports/2024-25/tax-report-2024-25.xlsx")))
        {
            var ws = wb.Worksheet("Holdings");
            var facts = ws.CellsUsed().Where(c => c.GetString().EndsWith("market value (GBP)", StringComparison.Ordinal))
                .ToDictionary(c => c.GetString(), c => c.CellRight().GetDouble());
            facts.Should().Equal(new Dictionary<string, double>
            {
                ["On the exchange: market value (GBP)"] = 60000,
                ["Withdrawn to outside: market value (GBP)"] = 30000,
            });
        }

        // The notes name the store file, not the folder it lives in (a home folder in a file handed to an accountant).
        var notes = ReportFixture.Read(_cli, "reports/2024-25/notes.txt");
        notes.Should().Contain("Generated from: store portfoliosync.db,");
        notes.Should().NotContain(_cli.Home);
        notes.Should().Contain("zero-cost-deposit");
    }
}

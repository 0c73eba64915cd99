using ClosedXML.Excel;

namespace PortfolioSync.Cli.Tests.Reporting;

public sealed class ReportCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private async Task<CliResult> ReportAsync(params string[] extra)
    {
        var config = ReportFixture.Config(_cli);
        return await _cli.RunAsync(["report", "--config", config, .. extra]);
    }

    [Fact]
    public async Task A_uk_report_writes_every_file_with_the_contract_headers()
    {
        // Given a store with the hand-worked ledger
        ReportFixture.HandWorked().WriteTo(_cli.PathIn(ReportFixture.StoreRelative));

        // When the 2024-25 report is written with the defaults
        var result = await ReportAsync("--year", "2024");

        // Then every file is in reports/2024-25 with exactly the contract's headers
        result.ExitCode.Should().Be(0, result.All);
        Directory.GetFiles(_cli.PathIn("reports/2024-25")).Select(Path.GetFileName).Order(StringComparer.Ordinal).Should().Equal(
            "disposals.csv", "holdings.csv", "income.csv", "notes.txt", "sa108-summary.csv", "summary.csv",
            "tax-report-2024-25.xlsx", "transactions.csv", "warnings.csv");
        Header("disposals.csv").Should().Be("tax_year,disposal_id,account,asset,disposed_at,quantity,proceeds,cost,fees,gain,acquired_at,lot_id,match_rule,term,method,note");
        Header("summary.csv").Should().Be("tax_year,asset,disposals,proceeds,costs,fees,gains,losses,net,incomplete");
        Header("income.csv").Should().Be("received_at,account,asset,quantity,value,kind,entry_id");
        Header("holdings.csv").Should().Be("pool,location,asset,quantity,cost,price,market_value,unrealized_gain");
        Header("transactions.csv").Should().Be("entry_id,account,at,kind,leg,asset,quantity,value,fee,fee_asset,fee_value,order_id,source_key");
        Header("warnings.csv").Should().Be("code,severity,at,account,entry_id,message");
        Header("sa108-summary.csv").Should().Be("tax_year,period,disposals,disposal_proceeds,allowable_costs,gains,losses,net,incomplete,annual_exempt_amount,reporting_threshold,proceeds_over_threshold");
        result.Out.Should().Contain("reports/2024-25").And.Contain("method uk");
    }

    [Fact]
    public async Task The_hand_worked_uk_gains_appear_in_disposals_summary_and_sa108()
    {
        // Given the hand-worked ledger (the arithmetic is in ReportFixture.HandWorked)
        ReportFixture.HandWorked().WriteTo(_cli.PathIn(ReportFixture.StoreRelative));

        // When
        var result = await ReportAsync("--year", "2024", "--method", "uk");

        // Then one row per matched lot: the pool, then bed-and-breakfast before pool for the September sale
        result.ExitCode.Should().Be(0, result.All);
        var disposals = ReportFixture.Lines(_cli, "reports/2024-25/disposals.csv").Skip(1).ToArray();
        disposals.Should().HaveCount(3);
        Disposal(disposals[0], "disposed_at", "quantity", "proceeds", "cost", "fees", "gain", "acquired_at", "match_rule", "term", "method")
            .Should().Equal("2024-06-01T10:00:00Z", "0.5", "25000.00", "12512.50", "25.00", "12462.50", "", "pool", "", "uk");
        Disposal(disposals[1], "disposed_at", "quantity", "proceeds", "cost", "fees", "gain", "acquired_at", "match_rule")
            .Should().Equal("2024-09-01T10:00:00Z", "0.25", "7500.00", "8008.00", "7.50", "-515.50", "2024-09-10T10:00:00Z", "bed-and-breakfast");
        Disposal(disposals[2], "disposed_at", "quantity", "proceeds", "cost", "fees", "gain", "acquired_at", "match_rule")
            .Should().Equal("2024-09-01T10:00:00Z", "0.25", "7500.00", "6256.25", "7.50", "1236.25", "", "pool");
        Disposal(disposals[1], "disposal_id").Should().Equal(Disposal(disposals[2], "disposal_id"), "both lots belong to one disposal");
        disposals.Should().NotContain(l => l.Contains("2025-04-05T23:30:00Z"), "00:30 on 6 April in London is the next tax year");

        // And the summary and SA108 carry the totals: 40000 − 26776.75 − 40 = 13183.25
        ReportFixture.Lines(_cli, "reports/2024-25/summary.csv").Skip(1).Should().Equal(
            "2024-25,BTC,2,40000.00,26776.75,40.00,13183.25,0.00,13183.25,0",
            "2024-25,*total*,2,40000.00,26776.75,40.00,13183.25,0.00,13183.25,0");
        ReportFixture.Lines(_cli, "reports/2024-25/sa108-summary.csv").Skip(1).Should().Equal(
            "2024-25,year,2,40000.00,26816.75,13183.25,0.00,13183.25,0,3000.00,50000.00,no",
            "2024-25,before 2024-10-30,2,40000.00,26816.75,13183.25,0.00,13183.25,0,,,",
            "2024-25,from 2024-10-30,0,0.00,0.00,0.00,0.00,0.00,0,,,");

        // And income at market value through the one-hop route ETH→USD→GBP: 0.01 × 3000 / 1.25 = 24.00
        ReportFixture.Lines(_cli, "reports/2024-25/income.csv").Skip(1).Should().ContainSingle()
            .Which.Should().StartWith("2024-07-01T12:00:00Z,main,ETH,0.01,24.00,staking,bitstamp:main:");

        // And the holdings at the year's last instant, priced with the closes of 2025-04-05
        ReportFixture.Lines(_cli, "reports/2024-25/holdings.csv").Skip(1).Should().Equal(
            "universal,exchange,BTC,1.25,31281.25,60000,75000.00,43718.75",
            "universal,exchange,ETH,0.01,24.00,1600,16.00,-8.00");

        // And the printed summary rounds per the presentation rule
        result.Out.Should().Contain("disposals 2  proceeds 40000.00  costs 26776.75  fees 40.00  gains 13183.25  losses 0.00  net 13183.25 GBP");
    }

    [Fact]
    public async Task Transactions_carry_leg_values_in_the_base_currency_as_the_engine_values_them()
    {
        ReportFixture.HandWorked().WriteTo(_cli.PathIn(ReportFixture.StoreRelative));

        var result = await ReportAsync("--year", "2024", "--format", "csv");

        result.ExitCode.Should().Be(0, result.All);
        var lines = ReportFixture.Lines(_cli, "reports/2024-25/transactions.csv").Skip(1).ToArray();
        // The June sale: −0.5 BTC worth the 25000 GBP received, fee 25 GBP.
        var sale = lines.Where(l => l.Contains("2024-06-01T10:00:00Z")).ToArray();
        sale.Should().HaveCount(2);
        Tx(sale[0], "kind", "leg", "asset", "quantity", "value", "fee", "fee_asset", "fee_value")
            .Should().Equal("trade", "1", "BTC", "-0.5", "-25000.00", "25", "GBP", "25.00");
        Tx(sale[1], "leg", "asset", "quantity", "value", "fee").Should().Equal("2", "GBP", "25000", "25000.00", "");
        // The staking reward: 0.01 ETH at 2400 GBP.
        Tx(lines.Single(l => l.Contains("2024-07-01T12:00:00Z")), "kind", "asset", "quantity", "value")
            .Should().Equal("staking-reward", "ETH", "0.01", "24.00");
        Tx(sale[0], "source_key").Single().Should().StartWith("main/user_transactions/");
    }

    [Fact]
    public async Task The_workbook_reads_back_with_its_sheets_values_formulas_and_dates()
    {
        ReportFixture.HandWorked().WriteTo(_cli.PathIn(ReportFixture.StoreRelative));

        var result = await ReportAsync("--year", "2024", "--format", "xlsx");

        result.ExitCode.Should().Be(0, result.All);
        File.Exists(_cli.PathIn("reports/2024-25/disposals.csv")).Should().BeFalse("only xlsx was asked for");
        using var wb = new XLWorkbook(_cli.PathIn("reports/2024-25/tax-report-2024-25.xlsx"));
        wb.Worksheets.Select(w => w.Name).Should().Equal("Summary", "Disposals", "Income", "Holdings", "Transactions", "Warnings", "SA108");
        var disposals = wb.Worksheet("Disposals");
        disposals.Cell(2, 10).GetDouble().Should().Be(12462.5, "the first gain of the hand-worked ledger");
        disposals.Cell(2, 5).DataType.Should().Be(XLDataType.DateTime);
        disposals.Cell(2, 5).GetDateTime().Should().Be(new DateTime(2024, 6, 1, 10, 0, 0));
        disposals.Cell(5, 1).GetString().Should().Be("Total");
        disposals.Cell(5, 10).FormulaA1.Should().Be("SUM(J2:J4)");
        Math.Round(disposals.Cell(5, 10).GetDouble(), 2).Should().Be(13183.25);
    }

    [Fact]
    public async Task A_year_without_data_writes_the_empty_report_and_says_so()
    {
        ReportFixture.HandWorked().WriteTo(_cli.PathIn(ReportFixture.StoreRelative));

        var result = await ReportAsync("--year", "2019");

        result.ExitCode.Should().Be(0, result.All);
        result.Out.Should().Contain("no data in tax year 2019-20");
        ReportFixture.Lines(_cli, "reports/2019-20/disposals.csv").Should().ContainSingle("the header only");
        ReportFixture.Read(_cli, "reports/2019-20/warnings.csv").Should().Contain("no-data,info");
    }

    [Theory]
    [InlineData("--method", "fofi", "--method: 'fofi' is not a cost basis method: use fifo, lifo, hifo, average, uk or fr-portfolio.")]
    [InlineData("--scope", "global", "--scope: 'global' is not a pool scope: use universal, per-account or per-account-from:YYYY-MM-DD.")]
    [InlineData("--method", "fifo", "jurisdiction uk requires method uk, not fifo: HMRC identifies")]
    [InlineData("--scope", "per-account", "jurisdiction uk requires pool scope universal, not per-account: HMRC pools each cryptoasset per person across all wallets and exchanges (HMRC CRYPTO22200)")]
    [InlineData("--format", "csv,pdf", "--format: 'pdf' is not a report format")]
    [InlineData("--format", "png", "--format: 'png' is not a tax report format: use a comma-separated list of csv, xlsx")]
    [InlineData("--year", "20245", "--year: 20245 is not a tax year")]
    public async Task A_bad_option_exits_2_naming_the_option_and_the_accepted_values(string option, string value, string message)
    {
        ReportFixture.HandWorked().WriteTo(_cli.PathIn(ReportFixture.StoreRelative));

        var result = option == "--year" ? await ReportAsync(option, value) : await ReportAsync("--year", "2024", option, value);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain(message);
        Directory.Exists(_cli.PathIn("reports")).Should().BeFalse("nothing is written when an option is wrong");
    }

    [Fact]
    public async Task Without_a_store_it_exits_2_and_says_to_sync_first()
    {
        var result = await ReportAsync("--year", "2024");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain($"no store at {_cli.PathIn(ReportFixture.StoreRelative)}: run `portfoliosync sync` first");
        File.Exists(_cli.PathIn(ReportFixture.StoreRelative)).Should().BeFalse("report never creates a store");
    }

    [Fact]
    public async Task The_method_and_scope_options_override_the_config()
    {
        ReportFixture.HandWorked().WriteTo(_cli.PathIn(ReportFixture.StoreRelative));

        // FIFO: the June sale takes 0.5 of the January lot (cost 20020 × 0.5 = 10010): gain 25000 − 25 − 10010 = 14965.
        // (A generic jurisdiction with UK years and GBP: jurisdiction uk allows only method uk and universal pools.)
        var config = ReportFixture.Config(_cli, "\"baseCurrency\": \"GBP\", \"taxYear\": \"uk\", \"timeZone\": \"Europe/London\",", jurisdiction: "generic");
        var result = await _cli.RunAsync(["report", "--config", config, "--year", "2024", "--method", "fifo", "--scope", "per-account", "--format", "csv"]);

        result.ExitCode.Should().Be(0, result.All);
        var first = ReportFixture.Lines(_cli, "reports/2024-25/disposals.csv")[1];
        Disposal(first, "cost", "gain", "match_rule", "method").Should().Equal("10010.00", "14965.00", "fifo", "fifo");
        ReportFixture.Lines(_cli, "reports/2024-25/holdings.csv")[1].Should().StartWith("main,exchange,BTC,");
    }

    [Fact]
    public async Task Running_a_report_leaves_the_store_file_unchanged()
    {
        var store = ReportFixture.HandWorked().WriteTo(_cli.PathIn(ReportFixture.StoreRelative));
        var before = await File.ReadAllBytesAsync(store);

        (await ReportAsync("--year", "2024")).ExitCode.Should().Be(0);

        (await File.ReadAllBytesAsync(store)).Should().Equal(before);
    }

    [Fact]
    public async Task Warnings_of_the_store_and_the_engine_reach_warnings_csv()
    {
        // Given a deposit of BTC with no known cost, later sold, and a record of an unknown type
        new TestStore()
            .Deposit("main", "2024-05-01 10:00:00", "btc", "1.00000000")
            .Sell("main", "2024-06-01 10:00:00", "btc", "1.00000000", "gbp", "50000.00", "0.00")
            .UnknownType("main", "2024-06-02 10:00:00")
            .WriteTo(_cli.PathIn(ReportFixture.StoreRelative));

        var result = await ReportAsync("--year", "2024");

        // Then the zero-cost lot is reported, and both problems are in warnings.csv
        result.ExitCode.Should().Be(0, result.All);
        Disposal(ReportFixture.Lines(_cli, "reports/2024-25/disposals.csv")[1], "cost", "gain", "note")
            .Should().Equal("0.00", "50000.00", "zero-cost-deposit");
        var warnings = ReportFixture.Read(_cli, "reports/2024-25/warnings.csv");
        warnings.Should().Contain("missing-cost-basis,warning,2024-05-01T10:00:00Z,main,")
            .And.Contain("unknown-record,warning,2024-06-02T10:00:00Z,main,");
        result.Out.Should().MatchRegex(@"warnings [1-9]");
    }

    private string Header(string file) => ReportFixture.Lines(_cli, "reports/2024-25/" + file)[0];

    private IReadOnlyList<string> Disposal(string line, params string[] names) => Fields("disposals.csv", line, names);

    private IReadOnlyList<string> Tx(string line, params string[] names) => Fields("transactions.csv", line, names);

    /// <summary>The named fields of a CSV line (no quoted commas in these rows).</summary>
    private IReadOnlyList<string> Fields(string file, string line, string[] names)
    {
        var header = Header(file).Split(',');
        var fields = line.Split(',');
        return names.Select(n => fields[Array.IndexOf(header, n)]).ToList();
    }
}

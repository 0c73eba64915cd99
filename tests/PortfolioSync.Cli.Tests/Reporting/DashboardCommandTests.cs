namespace PortfolioSync.Cli.Tests.Reporting;

public sealed class DashboardCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>
    /// The ledger of <see cref="ValueCommandTests"/>: on 2024-01-04 (the newest price) main holds 0.5 BTC at 34000 =
    /// 17000.00 with cost 15015.00 (buy 15000 + fee 15), so unrealized 1985.00; 9985 GBP in main and 100 GBP in bot
    /// make the day's total 27085.00. Tax year 2023-24 (UK) has no disposal and no income.
    /// </summary>
    private static TestStore Ledger() => new TestStore()
        .Deposit("main", "2024-01-01 09:00:00", "gbp", "25000.00")
        .Buy("main", "2024-01-01 10:00:00", "btc", "0.50000000", "gbp", "15000.00", "15.00")
        .Deposit("bot", "2024-01-03 12:00:00", "gbp", "100.00")
        .Close("btc/gbp", "2024-01-01", "30000").Close("btc/gbp", "2024-01-02", "32000").Close("btc/gbp", "2024-01-04", "34000");

    [Fact]
    public async Task The_dashboard_shows_the_hand_worked_figures_and_writes_the_csv_files_it_links_to()
    {
        Ledger().WriteTo(_cli.PathIn(ReportFixture.StoreRelative));
        var config = ReportFixture.Config(_cli);

        var result = await _cli.RunAsync("dashboard", "--config", config);

        result.ExitCode.Should().Be(0, result.All);
        var folder = _cli.PathIn("reports/dashboard");
        result.Out.Should().Be($"wrote {Path.Combine(folder, "index.html")}\n");
        Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .Should().Equal("holdings.csv", "index.html", "value.csv", "warnings.csv");
        ReportFixture.Lines(_cli, "reports/dashboard/holdings.csv").Should().Equal(
            "pool,location,asset,quantity,cost,price,market_value,unrealized_gain",
            "universal,exchange,BTC,0.5,15015.00,34000,17000.00,1985.00");
        ReportFixture.Lines(_cli, "reports/dashboard/value.csv").Last().Should().Be("2024-01-04,*total*,,,,27085.00");
        var page = ReportFixture.Read(_cli, "reports/dashboard/index.html");
        page.Should().Contain("<span id=\"total-value\">27,085.00</span>")
            .And.Contain("<span id=\"unrealized-gain\">1,985.00</span>")
            .And.Contain("<td class=\"n\" data-col=\"market_value\">17,000.00</td>")
            .And.Contain("<tr data-year=\"2023-24\">")
            .And.Contain("<a href=\"warnings.csv\">warnings.csv</a>")
            .And.Contain("no finished sync of this account in the store");
        page.Should().Contain("http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';");
        page.Should().NotContainAny(["src=\"http", "href=\"http", "url(", "@import", "fetch(", "XMLHttpRequest"]);
    }

    [Fact]
    public async Task The_same_store_gives_a_byte_identical_page_in_another_culture_and_folder()
    {
        Ledger().WriteTo(_cli.PathIn(ReportFixture.StoreRelative));
        var config = ReportFixture.Config(_cli);

        var first = await _cli.RunAsync("dashboard", "--config", config, "--out", "a");
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            (await _cli.RunAsync("dashboard", "--config", config, "--out", "b")).ExitCode.Should().Be(0);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }

        first.ExitCode.Should().Be(0, first.All);
        File.ReadAllBytes(_cli.PathIn("b/index.html")).Should().Equal(File.ReadAllBytes(_cli.PathIn("a/index.html")));
    }

    [Fact]
    public async Task The_config_key_names_the_default_folder_relative_to_the_config_file()
    {
        Ledger().WriteTo(_cli.PathIn(ReportFixture.StoreRelative));
        var config = ReportFixture.Config(_cli, extra: "\"dashboard\": \"site/portfolio\",");

        var result = await _cli.RunAsync("dashboard", "--config", config);

        result.ExitCode.Should().Be(0, result.All);
        File.Exists(_cli.PathIn("site/portfolio/index.html")).Should().BeTrue();
    }

    [Theory]
    [InlineData("\"dashboard\": \"\",", "dashboard: must be a folder")]
    [InlineData("\"dashboard\": true,", "dashboard: must be a folder as a string")]
    [InlineData("\"dashbord\": \"x\",", "dashbord")]
    public async Task A_bad_dashboard_key_is_a_config_error(string extra, string message)
    {
        var config = ReportFixture.Config(_cli, extra: extra);

        var result = await _cli.RunAsync("dashboard", "--config", config);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain(message);
    }

    [Fact]
    public async Task Without_a_store_it_exits_2_and_writes_nothing()
    {
        var config = ReportFixture.Config(_cli);

        var result = await _cli.RunAsync("dashboard", "--config", config);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("no store at");
        Directory.Exists(_cli.PathIn("reports/dashboard")).Should().BeFalse();
    }
}

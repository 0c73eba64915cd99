using PortfolioSync.Cli.Tests.Reporting;

namespace PortfolioSync.Cli.Tests;

/// <summary>
/// Each command binds its options into a settings record before anything else: every option problem is reported at
/// once (one <c>error:</c> line each, in option order), exit 2, and no config, secret or store I/O happens.
/// </summary>
public sealed class SettingsBindingTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private static string[] ErrorLines(CliResult result) =>
        result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task Report_names_every_bad_option_at_once_before_reading_the_config()
    {
        // Given four bad options and a config file that does not exist
        var config = Path.Combine(_cli.Home, "nonexistent", "x.json");

        // When
        var result = await _cli.RunAsync("report", "--year", "0", "--format", "png", "--method", "bogus", "--scope", "nope", "--config", config);

        // Then one line per option, in option order, and not a word about the config (it was never opened)
        result.ExitCode.Should().Be(2);
        var lines = ErrorLines(result);
        lines.Should().HaveCount(4, result.Error);
        lines[0].Should().StartWith("error: --year: 0 is not a tax year: give the calendar year the tax year starts in, e.g. 2024");
        lines[1].Should().StartWith("error: --method: ").And.Contain("bogus");
        lines[2].Should().StartWith("error: --scope: ").And.Contain("nope");
        lines[3].Should().StartWith("error: --format: 'png' is not a tax report format: use a comma-separated list of csv, xlsx");
        result.All.Should().NotContain("x.json").And.NotContain("nonexistent").And.NotContain("config");
        result.Out.Should().BeEmpty();
    }

    [Fact]
    public async Task Value_names_every_bad_option_at_once()
    {
        // Given a config that would fail to load if it were read
        var config = _cli.Write("config.json", "{ this is not json");

        // When
        var result = await _cli.RunAsync("value", "--from", "2024-13-01", "--to", "yesterday", "--currency", "b@d", "--account", "a/b", "--config", config);

        // Then
        result.ExitCode.Should().Be(2);
        ErrorLines(result).Should().Equal(
            "error: --from: '2024-13-01' is not a date in the form yyyy-MM-dd (e.g. 2024-03-01)",
            "error: --to: 'yesterday' is not a date in the form yyyy-MM-dd (e.g. 2024-03-01)",
            "error: --currency: 'b@d' is not an asset code (1-16 letters or digits).",
            "error: --account 'a/b' is not a valid account name (1-64 characters, no '/', '#' or control characters)");
        result.All.Should().NotContain("config.json");
    }

    [Fact]
    public async Task Value_checks_the_order_of_from_and_to_with_the_other_options()
    {
        var result = await _cli.RunAsync("value", "--from", "2024-03-01", "--to", "2024-02-01", "--currency", "??", "--config", "/nonexistent/x.json");

        result.ExitCode.Should().Be(2);
        ErrorLines(result).Should().Equal(
            "error: --to 2024-02-01 is before --from 2024-03-01",
            "error: --currency: '??' is not an asset code (1-16 letters or digits).");
    }

    [Fact]
    public async Task Sync_names_every_bad_account_and_the_bad_timeout_before_any_config_or_secret()
    {
        // Given secrets that would be resolved (and fail) if the sync got that far
        var config = _cli.Write("config.json", ConfigFiles.OneAccount("env:NO_SUCH_KEY", "env:NO_SUCH_SECRET"));

        // When
        var result = await _cli.RunAsync("sync", "--account", "bad/name", "--account", "main", "--account", "x#y", "--timeout", "5x", "--config", config);

        // Then
        result.ExitCode.Should().Be(2);
        ErrorLines(result).Should().Equal(
            "error: --account 'bad/name' is not a valid account name (1-64 characters, no '/', '#' or control characters)",
            "error: --account 'x#y' is not a valid account name (1-64 characters, no '/', '#' or control characters)",
            "error: --timeout '5x': expected a number with s, m, h or d (e.g. 90m, 2h), or 0 for no limit");
        result.All.Should().NotContain("NO_SUCH").And.NotContain("config.json");
        File.Exists(_cli.PathIn("store/portfoliosync.db")).Should().BeFalse("a usage failure creates no store");
    }

    [Fact]
    public async Task A_usage_failure_leaves_an_existing_store_byte_for_byte_and_untouched()
    {
        // Given a valid config and a real store
        var config = ReportFixture.Config(_cli);
        var store = _cli.PathIn(ReportFixture.StoreRelative);
        ReportFixture.HandWorked().WriteTo(store);
        var folder = Path.GetDirectoryName(store)!;
        var past = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(store, past);
        File.SetLastAccessTimeUtc(store, past);
        var bytes = await File.ReadAllBytesAsync(store);
        File.SetLastAccessTimeUtc(store, past);
        var entries = Directory.GetFileSystemEntries(folder).Order(StringComparer.Ordinal).ToList();

        // When each store command is given a bad option
        var report = await _cli.RunAsync("report", "--year", "2024", "--method", "bogus", "--config", config);
        var sync = await _cli.RunAsync("sync", "--timeout", "never", "--config", config);
        var value = await _cli.RunAsync("value", "--from", "soon", "--config", config);
        var import = await _cli.RunAsync("import", "bitstamp-csv", _cli.PathIn("missing.csv"), "--account", "main", "--config", config);

        // Then each exits 2 naming its option, and the store (and its folder) is as it was: no lock, no backup, no write
        foreach (var (result, option) in new[] { (report, "--method"), (sync, "--timeout"), (value, "--from"), (import, "missing.csv") })
        {
            result.ExitCode.Should().Be(2, result.All);
            ErrorLines(result).Should().ContainSingle().Which.Should().StartWith("error: ").And.Contain(option);
            result.Out.Should().BeEmpty();
        }
        (await File.ReadAllBytesAsync(store)).Should().Equal(bytes);
        File.GetLastWriteTimeUtc(store).Should().Be(past);
        Directory.GetFileSystemEntries(folder).Order(StringComparer.Ordinal).Should().Equal(entries);
        Directory.Exists(_cli.PathIn("reports")).Should().BeFalse();
    }

    [Theory]
    [InlineData(new[] { "check", "--account", "a/b", "--account", "c#d" }, new[] { "--account 'a/b'", "--account 'c#d'" })]
    [InlineData(new[] { "export-data", "--out", "{full}", "--account", "a/b" }, new[] { "is not empty: choose a new folder for the export", "--account 'a/b'" })]
    [InlineData(new[] { "import", "bitstamp-csv", "missing.csv", "--account", "a/b" }, new[] { "missing.csv: no such file", "--account 'a/b'" })]
    [InlineData(new[] { "repair", "--out", "{full}/taken.db" }, new[] { "taken.db exists: repair writes a new store and never overwrites one" })]
    [InlineData(new[] { "fake-server", "--start", "2020-02-30" }, new[] { "--start: '2020-02-30' is not a date in the form yyyy-MM-dd" })]
    [InlineData(new[] { "fake-server", "--port", "70000" }, new[] { "--port: 70000 is not a port: give 0 .. 65535" })]
    [InlineData(new[] { "fake-server", "--generate", "-1", "--accounts", "0", "--start", "2011-12-31", "--days", "0", "--write", "{full}" },
        new[] { "--generate: -1 is out of range", "--accounts: 0 is out of range: give 1 .. 100", "--start: 2011-12-31 is too early", "--days: 0 is out of range", "is not empty; give a new or empty folder" })]
    [InlineData(new[] { "fake-server", "--generate", "10" }, new[] { "--generate needs --write DIR" })]
    public async Task Every_command_reports_its_option_problems_in_option_order_without_the_config(string[] args, string[] expected)
    {
        // Given a folder that is not empty, and a config that cannot be read
        _cli.Write("full/taken.db", "x");
        var config = _cli.Write("config.json", "{ not json");

        // When
        var result = await _cli.RunAsync([.. args.Select(a => a.Replace("{full}", _cli.PathIn("full"), StringComparison.Ordinal)), "--config", config]);

        // Then
        result.ExitCode.Should().Be(2, result.All);
        var lines = ErrorLines(result);
        lines.Should().HaveCount(expected.Length, result.Error);
        for (var i = 0; i < expected.Length; i++) lines[i].Should().StartWith("error: ").And.Contain(expected[i]);
        result.All.Should().NotContain("config.json");
    }

    [Fact]
    public async Task Options_that_need_the_config_are_judged_after_it_loads()
    {
        // Given a US config (which refuses the UK method) and a well formed but unknown account
        var config = ReportFixture.Config(_cli, jurisdiction: "us");
        ReportFixture.HandWorked().WriteTo(_cli.PathIn(ReportFixture.StoreRelative));

        // When
        var report = await _cli.RunAsync("report", "--year", "2024", "--method", "uk", "--config", config);
        var sync = await _cli.RunAsync("sync", "--account", "nobody", "--config", config);

        // Then the config's own judgement still speaks, naming the config
        report.ExitCode.Should().Be(2);
        report.Error.Should().Contain("config.json");
        sync.ExitCode.Should().Be(2);
        sync.Error.Should().Contain("no account named 'nobody'");
    }
}

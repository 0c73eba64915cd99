using PortfolioSync.Cli.Tests.Reporting;
using PortfolioSync.FakeBitstamp.Data;
using Xunit.Abstractions;

namespace PortfolioSync.Cli.Tests.Import;

/// <summary>
/// Accounts without an API key hold imported records only: the config accepts them, <c>status</c> and <c>check</c>
/// say so, and <c>sync</c> fetches the prices their history needs from the public endpoints even when no account has
/// a key (real loopback HTTP against the local server, real store files).
/// </summary>
public sealed class KeylessAccountTests(ITestOutputHelper output) : IDisposable
{
    // The local server checks request timestamps, as Bitstamp does: the signed API sync needs the real clock.
    private readonly CliRun _api = new() { Time = TimeProvider.System };
    private readonly CliRun _csv = new() { Time = TimeProvider.System };

    public void Dispose()
    {
        _api.Dispose();
        _csv.Dispose();
    }

    [Fact]
    public async Task A_store_of_imported_records_only_gets_its_prices_from_sync_and_values_like_the_api_store()
    {
        await using var exchange = await LocalExchange.StartAsync();
        // The same history synced through the API (a store synced before, and a sync now)...
        var apiConfig = exchange.WriteConfig(_api);
        await LocalExchange.CopySyncedStoreTo(_api);
        (await _api.RunAsync("sync", "--config", apiConfig)).ExitCode.Should().Be(0);
        (await _api.RunAsync("value", "--config", apiConfig)).ExitCode.Should().BeOneOf([0, 6]);

        // ...and imported from its RFC 4180 exports into accounts that have no key at all
        var exports = _csv.PathIn("exports");
        CsvExportWriter.Write(exchange.Server.Data, exports);
        var names = exchange.Server.Data.Accounts.Select(a => a.Name).ToList();
        var config = _csv.Write("config.json", $$"""
            {
              "baseCurrency": "GBP",
              "jurisdiction": "uk",
              "store": "store/portfoliosync.db",
              "baseUrl": "{{exchange.Server.BaseUrl}}",
              "requestsPerSecond": 100,
              "accounts": [ {{string.Join(", ", names.Select(n => $$"""{ "name": "{{n}}" }"""))}} ]
            }
            """);
        foreach (var name in names)
            (await _csv.RunAsync("import", "bitstamp-csv", Path.Combine(exports, CsvExportWriter.Rfc4180Folder, name + ".csv"), "--account", name, "--config", config))
                .ExitCode.Should().Be(0);

        var status = await _csv.RunAsync("status", "--config", config);
        output.WriteLine(status.All);
        status.ExitCode.Should().Be(0, status.All);
        status.Out.Should().Contain(StatusCommandNoKey).And.MatchRegex($"account {names[0]}: no key, [0-9,]+ imported records");

        var check = await _csv.RunAsync("check", "--config", config);
        output.WriteLine(check.All);
        check.ExitCode.Should().Be(0, check.All);
        check.Out.Should().Contain("no key: ").And.Contain("no account has a key");

        exchange.Server.Requests.Clear();
        var sync = await _csv.RunAsync("sync", "--config", config);
        output.WriteLine(sync.All);
        sync.ExitCode.Should().Be(0, sync.All);
        sync.Error.Should().Contain($"{names[0]}: no key in the config");
        var paths = exchange.Server.Requests.Snapshot().Select(r => r.Path).ToList();
        paths.Should().Contain(p => p.Contains("ohlc", StringComparison.Ordinal), "prices come from the public endpoints");
        paths.Should().NotContain(p => p.Contains("user_transactions", StringComparison.Ordinal) || p.Contains("balance", StringComparison.Ordinal),
            "no account has a key: nothing private is asked for");

        var value = await _csv.RunAsync("value", "--config", config);
        value.ExitCode.Should().BeOneOf([0, 6], value.All);
        ReportFixture.Read(_csv, "reports/value/value.csv").Should().Be(ReportFixture.Read(_api, "reports/value/value.csv"),
            "the prices the sync fetched for the imported history are the API store's");

        // And the tax report of the CSV-only store is the API store's, missing-price warnings included (none more)
        foreach (var run in new[] { _api, _csv })
            (await run.RunAsync("report", "--config", run.PathIn("config.json"), "--year", "2024", "--format", "csv", "--quiet")).ExitCode.Should().BeOneOf([0, 6]);
        string[] MissingPrices(CliRun run) =>
            ReportFixture.Lines(run, "reports/2024-25/warnings.csv").Where(l => l.StartsWith("missing-price,", StringComparison.Ordinal)).ToArray();
        MissingPrices(_csv).Should().Equal(MissingPrices(_api));
        foreach (var file in new[] { "disposals.csv", "summary.csv", "income.csv" })
            ReportFixture.Read(_csv, $"reports/2024-25/{file}").Should().Be(ReportFixture.Read(_api, $"reports/2024-25/{file}"), file);
    }

    [Fact]
    public async Task An_account_with_no_key_and_no_records_fails_check_naming_it_and_a_key_without_secret_is_a_config_error()
    {
        var config = _csv.Write("config.json", """
            { "store": "store/portfoliosync.db", "baseUrl": "http://127.0.0.1:9", "accounts": [ { "name": "old-sub" } ] }
            """);
        var check = await _csv.RunAsync("check", "--config", config);
        check.ExitCode.Should().Be(2, check.All);
        check.Error.Should().Contain("account 'old-sub' has no key and no imported records").And.Contain("import bitstamp-csv");

        var half = _csv.Write("half.json", """
            { "accounts": [ { "name": "main", "key": "env:K" } ] }
            """);
        var status = await _csv.RunAsync("status", "--config", half);
        status.ExitCode.Should().Be(2);
        status.Error.Should().Contain("accounts[0].secret: is missing: give both key and secret, or neither");
    }

    private const string StatusCommandNoKey = "none: imported records only";
}

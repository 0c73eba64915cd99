using PortfolioSync.Cli.Tests.Reporting;
using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.Store;

namespace PortfolioSync.Cli.Tests.Import;

/// <summary>
/// Accounts with no key in the config whose history is imported from Bitstamp's CSV exports: status and check say so,
/// sync skips their transactions and still fetches, over real loopback HTTP from the local server's public
/// endpoints, the candles the imported history needs, even when no account has a key.
/// </summary>
public sealed class CsvOnlyAccountTests : IDisposable
{
    private readonly CliRun _cli = new() { Time = TimeProvider.System };

    public void Dispose() => _cli.Dispose();

    private static string KeylessConfig(CliRun cli, string baseUrl, IEnumerable<string> names) => cli.Write("config.json", $$"""
        {
          "jurisdiction": "uk",
          "store": "{{ReportFixture.StoreRelative}}",
          "baseUrl": "{{baseUrl}}",
          "requestsPerSecond": 100,
          "accounts": [ {{string.Join(", ", names.Select(n => $$"""{ "name": "{{n}}" }"""))}} ]
        }
        """);

    [Fact]
    public async Task A_store_built_only_from_csv_with_no_key_anywhere_gets_its_prices_from_sync_and_reports_without_missing_prices()
    {
        // Given the sample history served by the local server, and a config naming its accounts with no key at all
        var data = ServerData.Load(SampleDataStore.Folder());
        await using var exchange = await LocalExchange.StartAsync(data);
        var config = KeylessConfig(_cli, exchange.Server.BaseUrl.ToString(), data.Accounts.Select(a => a.Name));
        CsvExportWriter.Write(data, _cli.PathIn("exports"));
        foreach (var account in data.Accounts)
        {
            var import = await _cli.RunAsync("import", "bitstamp-csv", _cli.PathIn($"exports/{CsvExportWriter.Rfc4180Folder}/{account.Name}.csv"),
                "--account", account.Name, "--config", config);
            import.ExitCode.Should().Be(0, import.All);
        }
        using (var store = PortfolioStore.Open(_cli.PathIn(ReportFixture.StoreRelative)))
            store.ReadPrices().Should().BeEmpty("nothing has fetched prices yet");

        // When status, check and sync run
        var status = await _cli.RunAsync("status", "--config", config);
        var check = await _cli.RunAsync("check", "--config", config);
        var sync = await _cli.RunAsync("sync", "--config", config);

        // Then status and check say each account's history is imported, instead of failing on a missing key
        status.ExitCode.Should().Be(0, status.All);
        check.ExitCode.Should().Be(0, check.All);
        check.Out.Should().Contain("no account has a key");
        foreach (var account in data.Accounts)
        {
            var line = $"{account.Name}: no key in the config: history imported from CSV ({account.Transactions.Count:N0} records)";
            status.Out.Should().Contain(line);
            check.Out.Should().Contain(line);
            sync.Out.Should().Contain(line);
        }

        // And sync fetched the candles of every market the history trades, from the public endpoints only
        sync.ExitCode.Should().Be(0, sync.All);
        sync.Out.Should().MatchRegex(@"prices: [1-9]\d* pairs, [1-9][\d,]* daily candles stored");
        using (var store = PortfolioStore.Open(_cli.PathIn(ReportFixture.StoreRelative)))
        {
            var pairs = store.ReadPrices().Select(p => p.Pair).ToHashSet(StringComparer.Ordinal);
            pairs.Should().BeEquivalentTo(data.Ohlc.Select(o => o.Market.Symbol), "the sample serves candles of exactly the markets its history needs");
            store.CountRecords().Should().OnlyContain(c => c.Stream.StartsWith("csv:", StringComparison.Ordinal), "no transaction was pulled for a key-less account");
        }

        // And the value series and the tax report have a price for every day the candles cover
        var value = await _cli.RunAsync("value", "--config", config, "--from", "2023-03-01", "--to", "2025-02-28");
        value.ExitCode.Should().Be(0, value.All);
        value.Out.Should().NotContain("no price");
        var rows = ReportFixture.Lines(_cli, "reports/value/value.csv");
        rows.Length.Should().BeGreaterThan(700);
        rows[0].Should().Be("date,account,asset,quantity,price,value");
        var cells = rows.Skip(1).Select(r => r.Split(',')).ToList();
        cells.Should().OnlyContain(c => c.Length == 6 && c[5].Length > 0, "every day's holdings and total have a value");
        cells.Where(c => c[1] != "*total*").Should().OnlyContain(c => c[4].Length > 0, "every holding has a price").And.HaveCountGreaterThan(700);
        var report = await _cli.RunAsync("report", "--config", config, "--year", "2024", "--format", "csv");
        report.ExitCode.Should().BeOneOf([0, 6], report.All);
        ReportFixture.Lines(_cli, "reports/2024-25/disposals.csv").Length.Should().BeGreaterThan(100);
        // (the sample has days no candle covers: those warnings are the API store's too, no more)
        using var api = new CliRun();
        SampleDataStore.WriteTo(api.PathIn(ReportFixture.StoreRelative));
        SampleDataStore.WritePricesTo(api.PathIn(ReportFixture.StoreRelative));
        ReportFixture.Config(api);
        (await api.RunAsync("report", "--config", api.PathIn("config.json"), "--year", "2024", "--format", "csv")).ExitCode.Should().BeOneOf(0, 6);
        static string[] MissingPrices(CliRun run) =>
            ReportFixture.Lines(run, "reports/2024-25/warnings.csv").Where(l => l.StartsWith("missing-price,", StringComparison.Ordinal)).ToArray();
        MissingPrices(_cli).Should().Equal(MissingPrices(api));
    }

    [Fact]
    public async Task An_account_with_no_key_and_nothing_imported_is_a_problem_that_names_the_fix()
    {
        // Given a config with one key-less account and an empty store
        var config = KeylessConfig(_cli, "http://127.0.0.1:9", ["old-sub"]);

        // When status and check run
        var status = await _cli.RunAsync("status", "--config", config);
        var check = await _cli.RunAsync("check", "--config", config);

        // Then both exit 2 and say how to fix it
        foreach (var r in new[] { status, check })
        {
            r.ExitCode.Should().Be(2, r.All);
            r.Error.Should().Contain("account 'old-sub' has no key in the config and no imported records")
                .And.Contain("portfoliosync import bitstamp-csv FILE --account old-sub");
        }
    }

    [Fact]
    public async Task A_key_without_a_secret_is_still_a_config_error()
    {
        var config = _cli.Write("config.json", """
            { "jurisdiction": "uk", "accounts": [ { "name": "main", "key": "env:MAIN_KEY" } ] }
            """);

        var status = await _cli.RunAsync("status", "--config", config);

        status.ExitCode.Should().Be(2, status.All);
        status.Error.Should().Contain("accounts[0].secret").And.Contain("is missing");
    }
}

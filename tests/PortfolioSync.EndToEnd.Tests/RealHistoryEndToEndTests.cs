using System.Text;
using PortfolioSync.FakeBitstamp;
using PortfolioSync.FakeBitstamp.Data;

namespace PortfolioSync.EndToEnd.Tests;

/// <summary>
/// Issue 14's first four cases end to end: a data folder in Bitstamp's own record format is served by the local
/// server over loopback, <c>portfoliosync sync</c> stores it, <c>portfoliosync report</c> writes the CSV files, and the
/// figures are read back from them.
/// </summary>
public sealed class RealHistoryEndToEndTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly Dictionary<string, List<string>> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _candles = new(StringComparer.Ordinal);
    private long _id = 500_000_000;

    public void Dispose() => _folder.Dispose();

    /// <summary>A market trade (type 2): <paramref name="legs"/> like <c>("btc", "1"), ("usd", "-10000")</c>.</summary>
    private void Trade(string account, string at, string market, string rate, params (string Currency, string Amount)[] legs)
    {
        var fields = string.Join(", ", legs.Select(l => $"\"{l.Currency}\": \"{l.Amount}\""));
        Record(account, $"\"datetime\": \"{at}\", \"type\": \"2\", \"fee\": \"0\", {fields}, \"{market}\": \"{rate}\", \"order_id\": {_id + 7_000_000}");
    }

    private void Record(string account, string body)
    {
        if (!_records.TryGetValue(account, out var list)) _records[account] = list = [];
        list.Add($"{{ \"id\": {_id++}, {body} }}");
    }

    private void Candle(string pair, string slash, string date, string close)
    {
        if (!_candles.TryGetValue(pair, out var list)) _candles[pair] = list = [];
        var ts = DateTimeOffset.Parse(date + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds();
        list.Add($$"""{"timestamp":"{{ts}}","open":"{{close}}","high":"{{close}}","low":"{{close}}","close":"{{close}}","volume":"1"}""");
        _pairNames[pair] = slash;
    }

    private readonly Dictionary<string, string> _pairNames = new(StringComparer.Ordinal);

    /// <summary>Writes the data folder (DESIGN.md §10), serves it, syncs it with a config of <paramref name="jurisdiction"/>
    /// (plus <paramref name="extra"/> keys), and returns the config path for reports.</summary>
    private async Task<(FakeBitstampServer Server, string Config)> ServeAndSync(string jurisdiction, string extra = "")
    {
        var data = Path.Combine(_folder.Path, "data");
        Directory.CreateDirectory(data);
        var accounts = _records.Keys.ToList();
        var server = string.Join(",\n", accounts.Select((a, i) => $$"""
            { "name": "{{a}}", "key": "key{{i}}{{new string('k', 28)}}", "secret": "secret{{i}}{{new string('s', 25)}}",
              "permissions": ["account_balance", "user_transactions", "crypto_transactions"], "activated": true, "ipAllowList": [] }
            """));
        File.WriteAllText(Path.Combine(data, "server.json"), $$"""{ "accounts": [ {{server}} ] }""");
        foreach (var (account, records) in _records)
        {
            Directory.CreateDirectory(Path.Combine(data, account));
            File.WriteAllText(Path.Combine(data, account, "user_transactions.json"), "[\n" + string.Join(",\n", records) + "\n]");
        }
        if (_candles.Count > 0) Directory.CreateDirectory(Path.Combine(data, "ohlc"));
        foreach (var (pair, candles) in _candles)
            File.WriteAllText(Path.Combine(data, "ohlc", pair + ".json"),
                "{\"data\":{\"pair\":\"" + _pairNames[pair] + "\",\"ohlc\":[" + string.Join(",\n", candles) + "]}}");

        var served = await FakeBitstampServer.StartAsync(new FakeServerOptions(ServerData.Load(data)) { Time = TimeProvider.System, RateLimit = RateLimitSettings.Unlimited },
            CancellationToken.None);
        var accountJson = string.Join(",\n", accounts.Select(a =>
            $$"""{ "name": "{{a}}", "key": "env:K_{{a.ToUpperInvariant()}}", "secret": "env:S_{{a.ToUpperInvariant()}}" }"""));
        var config = Path.Combine(_folder.Path, "config.json");
        File.WriteAllText(config, $$"""
            {
              "jurisdiction": "{{jurisdiction}}",
              "store": "store/portfoliosync.db",
              "baseUrl": "{{served.BaseUrl}}",
              "requestsPerSecond": 100,
              {{extra}}
              "accounts": [ {{accountJson}} ]
            }
            """);
        for (var i = 0; i < accounts.Count; i++)
        {
            _variables[$"K_{accounts[i].ToUpperInvariant()}"] = $"key{i}{new string('k', 28)}";
            _variables[$"S_{accounts[i].ToUpperInvariant()}"] = $"secret{i}{new string('s', 25)}";
        }
        var sync = await Run("sync", "--config", config);
        sync.Code.Should().Be(0, sync.Out + sync.Error);
        return (served, config);
    }

    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);

    private Task<(int Code, string Out, string Error)> Run(params string[] args) => InProcessCli.RunAsync(args, _folder.Path, _variables);

    private List<Dictionary<string, string>> Csv(string relative)
    {
        var lines = File.ReadAllLines(Path.Combine(_folder.Path, relative), Encoding.UTF8);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(',')).Select(f => header.Zip(f).ToDictionary(x => x.First, x => x.Second)).ToList();
    }

    [Fact]
    public async Task Us_wallet_by_wallet_from_2025_gives_50000_in_2024_and_50000_long_term_in_2025()
    {
        Trade("main", "2023-01-10 15:00:00", "btc_usd", "10000", ("btc", "1"), ("usd", "-10000"));
        Trade("savings", "2023-06-10 15:00:00", "btc_usd", "50000", ("btc", "1"), ("usd", "-50000"));
        Trade("savings", "2024-03-10 15:00:00", "btc_usd", "60000", ("btc", "-1"), ("usd", "60000"));
        Trade("main", "2025-03-10 15:00:00", "btc_usd", "100000", ("btc", "-1"), ("usd", "100000"));
        var (server, config) = await ServeAndSync("us");
        await using var _ = server;

        (await Run("report", "--config", config, "--year", "2024", "--format", "csv")).Code.Should().Be(0);
        var r2025 = await Run("report", "--config", config, "--year", "2025", "--format", "csv");
        r2025.Code.Should().Be(0, r2025.Error);

        Csv("reports/2024/disposals.csv").Single()["gain"].Should().Be("50000.00");
        var d2025 = Csv("reports/2025/disposals.csv").Single();
        (d2025["gain"], d2025["term"], d2025["lot_id"]).Should().Be(("50000.00", "long", "bitstamp:savings:500000001/BTC"));
        Csv("reports/2025/allocation-2025-01-01.csv").Single().Should().Contain("account", "main").And.Contain("cost", "50000.00");
        server.ForbiddenCalls.Should().BeEmpty();
    }

    [Fact]
    public async Task A_round_trip_through_usdt_gains_exactly_1000_whatever_the_day_closes()
    {
        Trade("main", "2024-01-10 15:00:00", "usdt_usd", "1", ("usdt", "60000"), ("usd", "-60000"));
        Trade("main", "2024-02-10 15:00:00", "btc_usdt", "60000", ("btc", "1"), ("usdt", "-60000"));
        Trade("main", "2024-03-10 15:00:00", "btc_usdt", "61000", ("btc", "-1"), ("usdt", "61000"));
        Trade("main", "2024-06-10 15:00:00", "usdt_usd", "1", ("usdt", "-61000"), ("usd", "61000"));
        foreach (var (date, close) in new[] { ("2024-01-10", "1.002"), ("2024-02-10", "0.997"), ("2024-03-10", "1.001"), ("2024-06-10", "0.999"), ("2024-12-31", "1") })
            Candle("usdtusd", "USDT/USD", date, close);
        foreach (var (date, close) in new[] { ("2024-02-10", "58000"), ("2024-03-10", "64000"), ("2024-12-31", "90000") })
            Candle("btcusd", "BTC/USD", date, close);
        var (server, config) = await ServeAndSync("us");
        await using var _ = server;

        var report = await Run("report", "--config", config, "--year", "2024", "--format", "csv");

        report.Code.Should().Be(0, report.Error);
        Csv("reports/2024/summary.csv").Single(r => r["asset"] == "*total*")["net"].Should().Be("1000.00");
        var btc = Csv("reports/2024/disposals.csv").Single(r => r["asset"] == "BTC");
        (btc["proceeds"], btc["cost"]).Should().Be(("61061.00", "59820.00"));
    }

    [Fact]
    public async Task Uk_per_account_pools_are_refused_and_universal_pools_match_the_repurchase_in_the_other_account()
    {
        Trade("a", "2024-01-10 12:00:00", "btc_gbp", "10000", ("btc", "1"), ("gbp", "-10000"));
        Trade("b", "2024-02-10 12:00:00", "btc_gbp", "30000", ("btc", "1"), ("gbp", "-30000"));
        Trade("a", "2024-06-01 12:00:00", "btc_gbp", "40000", ("btc", "-1"), ("gbp", "40000"));
        Trade("b", "2024-06-10 12:00:00", "btc_gbp", "41000", ("btc", "1"), ("gbp", "-41000"));
        var (server, config) = await ServeAndSync("uk");
        await using var _ = server;

        var refused = await Run("report", "--config", config, "--year", "2024", "--scope", "per-account", "--format", "csv");
        refused.Code.Should().Be(2);
        refused.Error.Should().Contain("HMRC pools each cryptoasset per person").And.Contain("CRYPTO22200");
        Directory.Exists(Path.Combine(_folder.Path, "reports")).Should().BeFalse();

        var report = await Run("report", "--config", config, "--year", "2024", "--format", "csv");
        report.Code.Should().Be(0, report.Error);
        var d = Csv("reports/2024-25/disposals.csv").Single();
        (d["gain"], d["match_rule"]).Should().Be(("-1000.00", "bed-and-breakfast"));
    }

    [Fact]
    public async Task Uk_selling_more_than_is_held_is_identified_with_the_later_acquisition()
    {
        Trade("main", "2024-01-10 12:00:00", "btc_gbp", "40000", ("btc", "-1"), ("gbp", "40000"));
        Trade("main", "2024-03-10 12:00:00", "btc_gbp", "42000", ("btc", "1"), ("gbp", "-42000"));
        var (server, config) = await ServeAndSync("uk");
        await using var _ = server;

        var report = await Run("report", "--config", config, "--year", "2023", "--format", "csv");

        report.Code.Should().Be(0, report.Error);
        var d = Csv("reports/2023-24/disposals.csv").Single();
        (d["gain"], d["match_rule"], d["cost"]).Should().Be(("-2000.00", "later-acquisition", "42000.00"));
        Csv("reports/2023-24/holdings.csv").Should().BeEmpty();
    }
}

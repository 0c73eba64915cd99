using System.Globalization;
using PortfolioSync.FakeBitstamp.Data;

namespace PortfolioSync.Sync.Tests;

/// <summary>Schema 5 through a real sync (loopback HTTP, LiteDB file): each candle is stored with the base and quote the
/// markets list names, so a stablecoin market like <c>usdcusd</c> and a quote no code has ever heard of price with no
/// code change.</summary>
public sealed class CandleMarketSyncTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("psync-markets-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Usdcusd_and_a_made_up_quote_are_stored_under_the_base_and_quote_of_the_markets_list()
    {
        var data = Path.Combine(_dir.FullName, "data");
        CopyFolder(Path.Combine(RepoRoot(), "sample-data"), data);
        // The main account holds USDC and a stablecoin "USDQ" that no table in the code names.
        var transactions = Path.Combine(data, "main", "user_transactions.json");
        var text = File.ReadAllText(transactions).TrimEnd();
        text = text[..^1].TrimEnd() + ",\n"
            + """{"id":270700001,"datetime":"2025-02-28 12:00:00","type":"0","fee":"0.00","usdc":"100.00"}""" + ",\n"
            + """{"id":270700002,"datetime":"2025-02-28 12:00:01","type":"0","fee":"0.00","usdq":"250.00"}""" + "\n]\n";
        File.WriteAllText(transactions, text);
        Ohlc(data, "USDC/USD", "0.9998");
        Ohlc(data, "SOL/USDQ", "171.25");   // read naively, "solusdq" could as well be SOLU/SDQ or SO/LUSDQ
        Ohlc(data, "USDQ/USD", "1.0004");

        await using var h = await SyncHarness.StartAsync(ServerData.Load(data));
        var report = await h.SyncAsync();
        report.AllSucceeded.Should().BeTrue(string.Join("; ", report.Accounts.Select(a => a.Error)));

        var stored = h.WithStore(s => s.ReadPrices());
        string? Market(string symbol) => stored.Where(p => p.Pair == symbol).Select(p => p.Market is { } m ? $"{m.Base.Code}/{m.Quote.Code}" : null)
            .Distinct().Should().ContainSingle().Subject;
        Market("usdcusd").Should().Be("USDC/USD");
        Market("solusdq").Should().Be("SOL/USDQ");
        Market("usdqusd").Should().Be("USDQ/USD");
        Market("btcusd").Should().Be("BTC/USD");
        Market("ethbtc").Should().Be("ETH/BTC");
        stored.Should().OnlyContain(p => p.Market != null, "every candle synced from schema 5 on has its market");
        stored.Where(p => p.Pair == "solusdq").Select(p => p.Close).Should().Equal(171.25m, 171.25m);
    }

    private static void Ohlc(string data, string pair, string close)
    {
        var symbol = pair.Replace("/", "", StringComparison.Ordinal).ToLowerInvariant();
        var candles = new[] { 1740614400L, 1740700800L }.Select(t =>   // 2025-02-27 and -28, UTC midnight
            string.Create(CultureInfo.InvariantCulture, $$"""{"timestamp":"{{t}}","open":"{{close}}","high":"{{close}}","low":"{{close}}","close":"{{close}}","volume":"10"}"""));
        File.WriteAllText(Path.Combine(data, "ohlc", symbol + ".json"), $$$"""{"data":{"pair":"{{{pair}}}","ohlc":[{{{string.Join(",", candles)}}}]}}""");
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PortfolioSync.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}

using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.FakeBitstamp.Generation;

namespace PortfolioSync.FakeBitstamp.Tests.Support;

/// <summary>Shared immutable data sets.</summary>
internal static class TestData
{
    /// <summary>The clock of most server tests: a few days after <see cref="Recent"/> ends, so its last month is "recent".</summary>
    public static readonly DateTimeOffset Now = new(2025, 3, 5, 12, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<ServerData> recent = new(() => SampleDataGenerator.Generate(new GeneratorOptions
    {
        Records = 3000, Seed = 11, Accounts = 3, Start = new DateOnly(2025, 1, 1), Days = 60,
    }));

    private static readonly Lazy<ServerData> sample = new(SampleDataGenerator.Sample);

    /// <summary>3000 records over 2025-01-01 .. 2025-03-01 in main, dca-bot, grid-bot.</summary>
    public static ServerData Recent => recent.Value;

    public static ServerData Sample => sample.Value;

    /// <summary>A tiny hand-written account: a deposit, two BTC/USD trades, an ETH/BTC trade, a withdrawal.</summary>
    public static ServerData Tiny()
    {
        string[] json =
        [
            """{"id":101,"datetime":"2025-03-01 10:00:00.000001","type":"0","fee":"0.00","usd":"1000.00"}""",
            """{"id":102,"datetime":"2025-03-01 11:00:00","type":"2","fee":"0.20000","btc":"0.01000000","usd":"-500.00","btc_usd":50000,"order_id":7}""",
            """{"id":103,"datetime":"2025-03-02 11:00:00.500000","type":"2","fee":"0.10000","btc":"-0.00500000","usd":"260.00","btc_usd":"52000.0","eur":0.0,"order_id":8}""",
            """{"id":104,"datetime":"2025-03-02 12:00:00.000000","type":"2","fee":"0.00001000","eth":"0.10000000","btc":"-0.00400000","eth_btc":"0.04000","order_id":9}""",
            """{"id":105,"datetime":"2025-03-03 09:00:00.000000","type":"1","fee":"0.00015000","btc":"-0.00050000","btc_usd":"0.00"}""",
        ];
        var main = new AccountData("main", "tinykey", "tinysecret", ApiPermissionNames.All,
            new TransactionHistory(json.Select(UserTransaction.Parse)));
        return new ServerData([main], []);
    }
}

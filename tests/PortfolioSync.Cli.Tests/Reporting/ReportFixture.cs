namespace PortfolioSync.Cli.Tests.Reporting;

/// <summary>
/// A CLI home with a UK config (GBP, Europe/London, method uk) and a real store built from Bitstamp records, plus the
/// hand-worked ledger most report tests use.
/// </summary>
internal static class ReportFixture
{
    public const string StoreRelative = "store/portfoliosync.db";

    /// <summary>Writes <c>config.json</c> in the CLI home; <paramref name="extra"/> adds top-level keys.</summary>
    /// <param name="keyless">More accounts, named alone (imported records only), e.g. the ones a test imports CSV into.</param>
    public static string Config(CliRun cli, string extra = "", string jurisdiction = "uk", IReadOnlyList<string>? keyless = null) => cli.Write("config.json", $$"""
        {
          "jurisdiction": "{{jurisdiction}}",
          "store": "{{StoreRelative}}",
          {{extra}}
          "accounts": [
            { "name": "main", "key": "env:MAIN_KEY", "secret": "env:MAIN_SECRET" },
            { "name": "bot", "key": "env:BOT_KEY", "secret": "env:BOT_SECRET" }{{string.Concat((keyless ?? []).Select(k => $",\n    {{ \"name\": \"{k}\" }}"))}}
          ]
        }
        """);

    /// <summary>
    /// The hand-worked UK ledger (account main, all trades in GBP, fees in GBP):
    /// <code>
    /// 2024-01-05 deposit 100000 GBP
    /// 2024-01-10 buy  1    BTC for 20000 GBP, fee 20   pool: 1    BTC, cost 20020
    /// 2024-03-01 buy  1    BTC for 30000 GBP, fee 30   pool: 2    BTC, cost 50050          (tax year 2023-24)
    /// 2024-06-01 sell 0.5  BTC for 25000 GBP, fee 25   s104: 50050 × 0.5/2 = 12512.50; gain 25000 − 25 − 12512.50 = 12462.50
    ///                                                  pool: 1.5  BTC, cost 37537.50
    /// 2024-07-01 staking reward 0.01 ETH               ETH/USD 3000, GBP/USD 1.25: 0.01 × 3000 / 1.25 = 24.00 income
    /// 2024-09-01 sell 0.5  BTC for 15000 GBP, fee 15   bed and breakfast with the buy of 2024-09-10 (day + 9):
    ///                                                    0.25 BTC: proceeds 7500, fees 7.50, cost 8008 → gain −515.50
    ///                                                  rest from the pool: 0.25 BTC, cost 37537.50 × 0.25/1.5 = 6256.25
    ///                                                    proceeds 7500, fees 7.50 → gain 1236.25; the disposal: +720.75
    ///                                                  pool: 1.25 BTC, cost 31281.25
    /// 2024-09-10 buy  0.25 BTC for 8000 GBP, fee 8     all of it matched by the 30-day rule (not in the pool)
    /// 2025-04-05 23:30 UTC sell 0.25 BTC               = 2025-04-06 00:30 in London: tax year 2025-26, not this one
    /// </code>
    /// Tax year 2024-25: 2 disposals, proceeds 40000.00, costs 12512.50 + 8008 + 6256.25 = 26776.75, fees 40.00,
    /// gains 12462.50 + 720.75 = 13183.25, losses 0.00, net 13183.25.
    /// Holdings at 2025-04-05 (BTC/GBP close 60000, ETH/USD 2000, GBP/USD 1.25): BTC 1.25, cost 31281.25,
    /// value 75000, unrealized 43718.75; ETH 0.01, cost 24, price 2000/1.25 = 1600, value 16, unrealized −8.
    /// </summary>
    public static TestStore HandWorked() => new TestStore()
        .Deposit("main", "2024-01-05 09:00:00", "gbp", "100000.00")
        .Buy("main", "2024-01-10 10:00:00", "btc", "1.00000000", "gbp", "20000.00", "20.00")
        .Buy("main", "2024-03-01 10:00:00", "btc", "1.00000000", "gbp", "30000.00", "30.00")
        .Sell("main", "2024-06-01 10:00:00", "btc", "0.50000000", "gbp", "25000.00", "25.00")
        .StakingReward("main", "2024-07-01 12:00:00", "eth", "0.01000000")
        .Sell("main", "2024-09-01 10:00:00", "btc", "0.50000000", "gbp", "15000.00", "15.00")
        .Buy("main", "2024-09-10 10:00:00", "btc", "0.25000000", "gbp", "8000.00", "8.00")
        .Sell("main", "2025-04-05 23:30:00", "btc", "0.25000000", "gbp", "16000.00", "16.00")
        .Close("eth/usd", "2024-07-01", "3000").Close("gbp/usd", "2024-07-01", "1.25")
        .Close("btc/gbp", "2025-04-05", "60000").Close("eth/usd", "2025-04-05", "2000").Close("gbp/usd", "2025-04-05", "1.25")
        .Close("usdc/usd", "2025-04-05", "1.0001")
        .Close("btc/gbp", "2025-04-06", "61000");

    public static string Read(CliRun cli, string relative) => File.ReadAllText(cli.PathIn(relative));

    public static string[] Lines(CliRun cli, string relative) =>
        Read(cli, relative).Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

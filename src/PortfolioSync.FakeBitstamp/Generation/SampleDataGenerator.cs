using PortfolioSync.FakeBitstamp.Data;

namespace PortfolioSync.FakeBitstamp.Generation;

/// <summary>
/// Deterministic, realistic Bitstamp histories: a main account (fiat and crypto deposits, withdrawals with fees,
/// sub-account transfers, staking, referral rewards, some trades) and bots (DCA buys in rotation, grid round trips),
/// daily OHLC for every market. Only <see cref="Random"/> seeded from the options; no clock.
/// </summary>
public static class SampleDataGenerator
{
    /// <summary>The seed of the committed <c>sample-data/</c>.</summary>
    public const int SampleSeed = 20230301;

    /// <summary>
    /// Generates exactly <see cref="GeneratorOptions.Records"/> user transactions over
    /// <see cref="GeneratorOptions.Accounts"/> accounts. Same options, same bytes.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static ServerData Generate(GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Simulation(options).Run([]);
    }

    /// <summary>
    /// The committed sample: <c>main</c>, <c>dca-bot</c>, <c>grid-bot</c>, 2023-03-01 .. 2025-02-28, 4000 generated
    /// records plus hand-placed edge cases in <c>main</c>: an unknown type code "99", an ETH deposit with eighteen
    /// decimals, an airdrop-like FLR deposit (a currency in no other record), two BTC/USD fills of one order in the same second.
    /// </summary>
    public static ServerData Sample() => new Simulation(SampleOptions).Run(
    [
        new(Utc(2023, 9, 14, 11, 22, 33, 1), EdgeCase.UnknownType),
        new(Utc(2024, 1, 19, 9, 15, 0, 123_456), EdgeCase.EighteenDecimals),
        new(Utc(2024, 4, 10, 12, 0, 0, 0), EdgeCase.UnusualCurrency),
        new(Utc(2024, 6, 3, 14, 15, 16, 250_000), EdgeCase.SameSecondTrades),
    ]);

    /// <summary>The options <see cref="Sample"/> runs with (before its edge cases).</summary>
    public static GeneratorOptions SampleOptions { get; } = new()
    {
        Records = 4000,
        Seed = SampleSeed,
        Accounts = 3,
        Start = new DateOnly(2023, 3, 1),
        Days = 731,
        // Every real row form (bitstamp-api.md §9): numeric types, "None" fees, exponent numbers, derivatives fields,
        // ids not monotonic in time, ETH staking credited as ETH2 with ETH2R rewards; so the demo exercises them.
        Realistic = true,
    };

    private static DateTime Utc(int year, int month, int day, int hour, int minute, int second, int microsecond) =>
        new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(microsecond * 10L);
}

namespace PortfolioSync.FakeBitstamp.Generation;

/// <summary>Options of <see cref="SampleDataGenerator.Generate"/>. Same options, same data, byte for byte.</summary>
public sealed record GeneratorOptions
{
    /// <summary>Total number of user transactions over all accounts (exactly this many). Default 4000.</summary>
    public int Records { get; init; } = 4000;

    /// <summary>Seed of every random choice. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Number of accounts, at least 1: <c>main</c>, <c>dca-bot</c>, <c>grid-bot</c>, then <c>bot-4</c>, <c>bot-5</c>…
    /// (alternately grid and DCA bots). Default 3.
    /// </summary>
    public int Accounts { get; init; } = 3;

    /// <summary>First day (UTC). Default 2023-03-01.</summary>
    public DateOnly Start { get; init; } = new(2023, 3, 1);

    /// <summary>Number of days, at least 1. Default 731 (2023-03-01 .. 2025-02-28).</summary>
    public int Days { get; init; } = 731;

    /// <summary>
    /// Mix in every row form the real exchange sends (bitstamp-api.md §9): <c>type</c> as a JSON number, <c>"None"</c>
    /// fees, exponent notation for small rates and amounts, derivatives fields on some trades, withdrawals whose id is
    /// older than their datetime (ids not monotonic in time), ETH staking credited back as <c>ETH2</c> with
    /// <c>ETH2R</c> rewards and daily prices for both. Default false (the plain forms only, as before).
    /// </summary>
    public bool Realistic { get; init; }

    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names it.</exception>
    public void Validate()
    {
        if (Records is < 0 or > 50_000_000) throw new ArgumentOutOfRangeException(nameof(Records), Records, "Records must be 0 .. 50,000,000.");
        if (Accounts is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(Accounts), Accounts, "Accounts must be 1 .. 100.");
        if (Days is < 1 or > 20_000) throw new ArgumentOutOfRangeException(nameof(Days), Days, "Days must be 1 .. 20,000.");
        if (Start.Year < 2012) throw new ArgumentOutOfRangeException(nameof(Start), Start, "Start must be 2012 or later.");
    }
}

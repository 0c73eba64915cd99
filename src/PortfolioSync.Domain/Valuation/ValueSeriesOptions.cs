using NodaTime;

namespace PortfolioSync.Domain.Valuation;

/// <summary>What <see cref="ValueSeries.Compute"/> values: every day From..To inclusive, in <see cref="Currency"/>.</summary>
/// <param name="Zone">Days end at midnight in this zone: the quantity of day D is the balance after every entry before
/// the start of D+1 in this zone.</param>
/// <param name="Account">Only this account; null for all.</param>
public sealed record ValueSeriesOptions(LocalDate From, LocalDate To, Asset Currency, DateTimeZone Zone, string? Account = null)
{
    /// <summary>
    /// Reads staking that credits another asset (ETH → ETH2, ETH2R rewards) as the cost basis engine does with the
    /// same <see cref="CostBasis.CostBasisOptions.StakingConversionsAreDisposals"/>, so the series holds what the
    /// engine's pools hold: false (default) counts ETH2 and ETH2R as ETH; true makes the crediting an exchange.
    /// </summary>
    public bool StakingConversionsAreDisposals { get; init; }
}

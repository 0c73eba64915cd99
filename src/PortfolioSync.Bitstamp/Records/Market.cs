using PortfolioSync.Domain;

namespace PortfolioSync.Bitstamp.Records;

/// <summary>One row of public <c>markets/</c>.</summary>
/// <param name="Symbol">The URL symbol (<c>btcusd</c>) used in <c>ohlc/{pair}/</c>.</param>
public sealed record Market(string Symbol, Asset Base, Asset Counter, string? MarketType, string? Trading = null)
{
    /// <summary>
    /// A spot market that trades: not a perpetual (<c>market_type</c> other than <c>SPOT</c>, a <c>-perp</c> symbol) and
    /// not <c>trading: Disabled</c>. Only these give prices (bitstamp-api.md §9).
    /// </summary>
    public bool IsTradingSpot =>
        (MarketType is null || string.Equals(MarketType, "SPOT", StringComparison.OrdinalIgnoreCase))
        && !Symbol.EndsWith("-perp", StringComparison.OrdinalIgnoreCase) && !Symbol.Contains('-', StringComparison.Ordinal)
        && (Trading is null || string.Equals(Trading, "Enabled", StringComparison.OrdinalIgnoreCase));
}

using PortfolioSync.Domain;

namespace PortfolioSync.Bitstamp.Records;

/// <summary>One row of public <c>markets/</c>.</summary>
/// <param name="Symbol">The URL symbol (<c>btcusd</c>) used in <c>ohlc/{pair}/</c>.</param>
public sealed record Market(string Symbol, Asset Base, Asset Counter, string? MarketType);

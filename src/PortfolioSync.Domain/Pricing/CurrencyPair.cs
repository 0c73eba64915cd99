namespace PortfolioSync.Domain.Pricing;

/// <summary>A market: prices say how many <see cref="Quote"/> one <see cref="Base"/> costs (<c>BTC/USD</c>).</summary>
public readonly record struct CurrencyPair(Asset Base, Asset Quote)
{
    /// <summary>Bitstamp's market name in lower case: <c>btcusd</c>, <c>gbpusd</c>.</summary>
    public string MarketName => (Base.Code + Quote.Code).ToLowerInvariant();

    public CurrencyPair Inverse => new(Quote, Base);

    /// <summary><c>BTC/USD</c>.</summary>
    public override string ToString() => $"{Base}/{Quote}";
}

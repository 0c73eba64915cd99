namespace PortfolioSync.FakeBitstamp.Data;

/// <summary>A market as named in a record's pair-rate key (<c>btc_usd</c>): base and quote (counter) currency.</summary>
public sealed record MarketPair(string Base, string Quote)
{
    /// <summary>Bitstamp's market symbol, e.g. <c>btcusd</c> (used in paths such as <c>user_transactions/btcusd/</c>).</summary>
    public string Symbol { get; } = Base + Quote;

    /// <summary>The record key of the pair rate, e.g. <c>btc_usd</c>.</summary>
    public string RateKey => Base + "_" + Quote;

    /// <summary>Display name as in <c>markets/</c> and OHLC responses, e.g. <c>BTC/USD</c>.</summary>
    public string DisplayName => Base.ToUpperInvariant() + "/" + Quote.ToUpperInvariant();

    public override string ToString() => Symbol;
}

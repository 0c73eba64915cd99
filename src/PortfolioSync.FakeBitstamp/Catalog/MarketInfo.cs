using PortfolioSync.FakeBitstamp.Data;

namespace PortfolioSync.FakeBitstamp.Catalog;

/// <summary>A row of <c>markets/</c>: the pair, its decimals and minimum order value (in the counter currency).</summary>
public sealed record MarketInfo(MarketPair Pair, int BaseDecimals, int CounterDecimals, string MinimumOrderValue)
{
    public string Symbol => Pair.Symbol;

    /// <summary>"Bitcoin / U.S. dollar" style, as Bitstamp writes it (ccxt splits it on " / ").</summary>
    public string Description => KnownCurrencies.Get(Pair.Base).Name + " / " + KnownCurrencies.Get(Pair.Quote).Name;

    /// <summary>Decimals for known markets (Bitstamp quotes BTC/USD in whole dollars), else 8 and 2 (fiat) or 8.</summary>
    public static MarketInfo For(MarketPair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var quoteIsFiat = KnownCurrencies.Get(pair.Quote).IsFiat;
        var counter = pair.Symbol switch
        {
            "btcusd" or "btceur" or "btcgbp" => 0,
            "ethusd" or "etheur" or "ethgbp" => 1,
            "ethbtc" => 5,
            "eurusd" or "gbpusd" or "xrpusd" or "xrpeur" or "xrpgbp" or "flrusd" or "flreur" => 5,
            _ => quoteIsFiat ? 2 : 8,
        };
        var baseDecimals = pair.Symbol is "eurusd" or "gbpusd" ? 5 : 8;
        return new MarketInfo(pair, baseDecimals, counter, quoteIsFiat ? "10" : pair.Quote == "btc" ? "0.0002" : "10");
    }
}

using PortfolioSync.FakeBitstamp.Data;

namespace PortfolioSync.FakeBitstamp.Catalog;

/// <summary>
/// Markets and currencies derived from the data: every market in any account's records (non-zero pair rate) or in
/// <c>ohlc/</c>, every currency with a non-zero amount in a record or in a market. Ordered by symbol / code.
/// </summary>
internal sealed class MarketCatalog
{
    private readonly Dictionary<string, MarketInfo> markets;
    private readonly Dictionary<string, CurrencyInfo> currencies;

    public MarketCatalog(ServerData data)
    {
        var pairs = data.Ohlc.Select(s => s.Market).Concat(data.Accounts.SelectMany(a => a.Transactions.Markets));
        markets = new Dictionary<string, MarketInfo>(StringComparer.Ordinal);
        foreach (var pair in pairs) markets.TryAdd(pair.Symbol, MarketInfo.For(pair));
        Markets = markets.Values.OrderBy(m => m.Symbol, StringComparer.Ordinal).ToArray();

        var codes = data.Accounts.SelectMany(a => a.Transactions.Balances.Keys)
            .Concat(Markets.SelectMany(m => new[] { m.Pair.Base, m.Pair.Quote }));
        currencies = new Dictionary<string, CurrencyInfo>(StringComparer.Ordinal);
        foreach (var code in codes) currencies.TryAdd(code, KnownCurrencies.Get(code));
        Currencies = currencies.Values.OrderBy(c => c.Code, StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyList<MarketInfo> Markets { get; }

    public IReadOnlyList<CurrencyInfo> Currencies { get; }

    public MarketInfo? FindMarket(string symbol) => markets.GetValueOrDefault(symbol);

    public CurrencyInfo? FindCurrency(string code) => currencies.GetValueOrDefault(code);
}

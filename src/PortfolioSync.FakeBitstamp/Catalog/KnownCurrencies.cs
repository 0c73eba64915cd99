namespace PortfolioSync.FakeBitstamp.Catalog;

/// <summary>
/// Names, decimals, networks and withdrawal fees of the currencies the generator uses (and a few more). Figures are
/// plausible, not Bitstamp's current price list. An unknown code gets a generic crypto entry.
/// </summary>
public static class KnownCurrencies
{
    private static readonly Dictionary<string, CurrencyInfo> Table = new CurrencyInfo[]
    {
        new("usd", "U.S. dollar", true, 2, "wire", 25.00m, 2),
        new("eur", "Euro", true, 2, "sepa", 3.00m, 0),
        new("gbp", "British pound", true, 2, "fps", 2.00m, 2),
        new("btc", "Bitcoin", false, 8, "bitcoin", 0.00015m, 1),
        new("eth", "Ether", false, 8, "ethereum", 0.0025m, 16),
        new("sol", "Solana", false, 8, "solana", 0.01m, 70),
        new("xrp", "XRP", false, 8, "xrpl", 0.2m, 14),
        new("ltc", "Litecoin", false, 8, "litecoin", 0.001m, 15),
        new("flr", "Flare", false, 8, "flare", 0.5m, 80),
        new("usdc", "USD Coin", false, 6, "ethereum", 5m, 53),
        new("usdt", "Tether", false, 6, "ethereum", 5m, 54),
    }.ToDictionary(c => c.Code, StringComparer.Ordinal);

    public static bool IsKnown(string code) => Table.ContainsKey(code);

    public static CurrencyInfo Get(string code) =>
        Table.TryGetValue(code, out var info) ? info : new CurrencyInfo(code, code.ToUpperInvariant(), false, 8, code, 0m, 99);
}

using PortfolioSync.Domain.Pricing;

namespace PortfolioSync.Domain.Tests.Support;

/// <summary>Price books for tests: <c>Prices.Of(("BTC/GBP", "2024-03-01", 40000m))</c>.</summary>
public static class Prices
{
    public static PriceBook Of(params (string Pair, string Date, decimal Close)[] closes) =>
        new(closes.Select(c =>
        {
            var parts = c.Pair.Split('/');
            return new DailyPrice(Asset.Parse(parts[0]), Asset.Parse(parts[1]), LedgerBuilder.Date(c.Date), c.Close, c.Close, c.Close, c.Close);
        }));
}

using PortfolioSync.Domain;
using PortfolioSync.Reports.Building;

namespace PortfolioSync.Reports.Tests.Building;

public sealed class MarketSymbolTests
{
    private static readonly FiatSet Fiat = Asset.DefaultFiat;

    [Theory]
    [InlineData("btcusd", "BTC", "USD")]
    [InlineData("gbpusd", "GBP", "USD")]
    [InlineData("eurusd", "EUR", "USD")]
    [InlineData("usdcusd", "USDC", "USD")]
    [InlineData("eurcusd", "EURC", "USD")]
    [InlineData("usdtusd", "USDT", "USD")]
    [InlineData("ethbtc", "ETH", "BTC")]
    [InlineData("btcusdt", "BTC", "USDT")]
    [InlineData("usdcusdt", "USDC", "USDT")]
    [InlineData("flrusd", "FLR", "USD")]
    [InlineData("pepeeur", "PEPE", "EUR")]
    [InlineData("BTCGBP", "BTC", "GBP")]
    public void A_symbol_splits_at_its_fiat_crypto_or_stablecoin_quote(string symbol, string @base, string quote)
    {
        MarketSymbol.TrySplit(symbol, Fiat, new HashSet<Asset>(), out var pair).Should().BeTrue();

        pair.Base.Code.Should().Be(@base);
        pair.Quote.Code.Should().Be(quote);
    }

    [Fact]
    public void Without_a_known_quote_the_assets_of_the_ledger_decide()
    {
        var known = new HashSet<Asset> { Asset.Parse("LINK"), Asset.Parse("XYZ") };

        MarketSymbol.TrySplit("linkxyz", Fiat, known, out var pair).Should().BeTrue();

        pair.Should().Be(new Domain.Pricing.CurrencyPair(Asset.Parse("LINK"), Asset.Parse("XYZ")));
    }

    [Theory]
    [InlineData("abcdef")]
    [InlineData("x")]
    [InlineData("")]
    [InlineData("usd")]
    public void A_symbol_that_cannot_be_told_apart_is_not_guessed(string symbol)
    {
        MarketSymbol.TrySplit(symbol, Fiat, new HashSet<Asset>(), out _).Should().BeFalse();
    }

    [Fact]
    public void The_configured_fiat_set_counts_as_a_quote()
    {
        var fiat = new FiatSet(["USD", "SEK"]);

        MarketSymbol.TrySplit("btcsek", fiat, new HashSet<Asset>(), out var pair).Should().BeTrue();

        pair.Quote.Code.Should().Be("SEK");
    }
}

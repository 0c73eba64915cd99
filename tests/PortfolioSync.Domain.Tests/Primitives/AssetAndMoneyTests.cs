using PortfolioSync.Domain;

namespace PortfolioSync.Domain.Tests.Primitives;

public sealed class AssetAndMoneyTests
{
    [Fact]
    public void Asset_codes_are_upper_case_whatever_the_input()
    {
        Asset.Parse("btc").Should().Be(Asset.Btc);
        Asset.Parse("usdc").Code.Should().Be("USDC");
    }

    [Theory]
    [InlineData("")]
    [InlineData("BT C")]
    [InlineData("btc_usd")]
    [InlineData("ABCDEFGHIJKLMNOPQ")]
    public void Bad_asset_codes_are_refused(string text)
    {
        Asset.TryParse(text, out _).Should().BeFalse();
    }

    [Fact]
    public void The_default_asset_has_no_code()
    {
        var act = () => default(Asset).Code;

        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Fiat_is_a_known_configurable_set()
    {
        Asset.DefaultFiat.Contains(Asset.Gbp).Should().BeTrue();
        Asset.DefaultFiat.Contains(Asset.Btc).Should().BeFalse();
        new FiatSet(["usd", "sgd"]).Contains(Asset.Parse("SGD")).Should().BeTrue();
    }

    [Fact]
    public void Money_of_one_asset_adds_up_and_mixing_assets_throws()
    {
        (Money.Parse("0.1 BTC") + Money.Parse("0.2 BTC")).Should().Be(Money.Parse("0.3 BTC"));

        var act = () => Money.Parse("1 BTC") + Money.Parse("1 USD");

        act.Should().Throw<InvalidOperationException>().WithMessage("*BTC*USD*");
    }
}

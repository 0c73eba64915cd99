using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Tests.Support;

namespace PortfolioSync.Domain.Tests.CostBasis;

/// <summary>ETH staked (type 26) and credited back as ETH2 (type 25) with ETH2R rewards (bitstamp-api.md §9).</summary>
public sealed class StakingConversionTests
{
    private static CostBasisOptions Fifo => CostBasisOptions.For(CostBasisMethod.Fifo) with { BaseCurrency = Asset.Usd };

    private static readonly PortfolioSync.Domain.Pricing.PriceBook EthPrices = Prices.Of(
        ("ETH/USD", "2021-03-01", 1500m), ("ETH/USD", "2021-04-01", 2000m), ("ETH/USD", "2021-05-01", 3000m));

    private static IReadOnlyList<LedgerEntry> Ledger() => new LedgerBuilder()
        .Buy("2 ETH", on: "2021-01-01", cost: "2000 USD")
        .Lock("2 ETH", on: "2021-02-01")
        .Unlock("2 ETH2", on: "2021-03-01")
        .Income("0.1 ETH2R", on: "2021-04-01")
        .Sell("1 ETH2", on: "2021-05-01", proceeds: "3000 USD")
        .Build();

    [Fact]
    public void Eth2_stands_for_eth_even_when_another_asset_was_staked_more_recently()
    {
        // Given ETH staked, then SOL staked, then ETH2 credited and an ETH2R reward (the sample data's order)
        var ledger = new LedgerBuilder()
            .Buy("2 ETH", on: "2021-01-01", cost: "2000 USD")
            .Buy("10 SOL", on: "2021-01-02", cost: "100 USD")
            .Lock("2 ETH", on: "2021-02-01")
            .Lock("10 SOL", on: "2021-02-15")
            .Unlock("2 ETH2", on: "2021-03-01")
            .Income("0.1 ETH2R", on: "2021-04-01")
            .Sell("1 ETH2", on: "2021-05-01", proceeds: "3000 USD")
            .Build();
        var prices = Prices.Of(("ETH/USD", "2021-04-01", 2000m), ("SOL/USD", "2021-04-01", 15m));

        var r = CostBasisEngine.Run(ledger, prices, Fifo);

        // Then the sale draws on the ETH lot and the reward is ETH income at ETH's price (not SOL's: the last lock)
        var d = r.Disposals.Single();
        (d.Asset, d.Cost).Should().Be((Asset.Parse("ETH"), 1000m));
        var income = r.Income.Single();
        (income.Asset, income.Value).Should().Be((Asset.Parse("ETH"), 200m));
        r.Holdings.Where(h => h.Asset == Asset.Parse("SOL")).Sum(h => h.Quantity).Should().Be(10m);
    }

    [Fact]
    public void By_default_lots_and_dates_cross_the_conversion_and_rewards_are_income_at_the_staked_assets_price()
    {
        var r = CostBasisEngine.Run(Ledger(), EthPrices, Fifo);

        var d = r.Disposals.Single();
        d.Asset.Should().Be(Asset.Parse("ETH"));
        d.Quantity.Should().Be(1m);
        d.Cost.Should().Be(1000m, "half of the lot bought for 2000");
        d.Lots.Single().AcquiredDate.Should().Be(LedgerBuilder.Date("2021-01-01"), "the date survives the conversion");
        d.Gain.Should().Be(2000m);
        var income = r.Income.Single();
        income.Quantity.Should().Be(0.1m);
        income.Value.Should().Be(200m);
        income.ValueKnown.Should().BeTrue();
        r.Warnings.Should().NotContain(w => w.Code == Warnings.WarningCode.NegativeBalance);
    }

    [Fact]
    public void With_the_option_the_conversion_is_an_exchange_at_market_value()
    {
        var prices = Prices.Of(("ETH/USD", "2021-03-01", 1500m), ("ETH2/USD", "2021-03-01", 1500m), ("ETH2/USD", "2021-05-01", 3000m),
            ("ETH2R/USD", "2021-04-01", 2000m));

        var r = CostBasisEngine.Run(Ledger(), prices, Fifo with { StakingConversionsAreDisposals = true });

        var conversion = r.Disposals.First();
        conversion.Asset.Should().Be(Asset.Parse("ETH"));
        conversion.Quantity.Should().Be(2m);
        conversion.Proceeds.Should().Be(3000m);
        conversion.Gain.Should().Be(1000m);
        r.Disposals.Last().Lots.Single().AcquiredDate.Should().Be(LedgerBuilder.Date("2021-03-01"), "ETH2 was acquired at the conversion");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_value_series_holds_what_the_engines_pools_hold_in_both_readings(bool disposals)
    {
        // The value series and the engine read the conversion the same way: by default 1.1 ETH (ETH2 and ETH2R are
        // ETH); as an exchange, 1 ETH2 and 0.1 ETH2R (the staked ETH was exchanged for ETH2 on 2021-03-01).
        var prices = Prices.Of(("ETH/USD", "2021-05-01", 3000m), ("ETH2/USD", "2021-05-01", 3000m), ("ETH2R/USD", "2021-05-01", 3000m),
            ("ETH/USD", "2021-03-01", 1500m), ("ETH2/USD", "2021-03-01", 1500m), ("ETH/USD", "2021-04-01", 2000m), ("ETH2R/USD", "2021-04-01", 2000m));
        var day = LedgerBuilder.Date("2021-05-01");
        var series = PortfolioSync.Domain.Valuation.ValueSeries.Compute(Ledger(), prices,
            new PortfolioSync.Domain.Valuation.ValueSeriesOptions(day, day, Asset.Usd, NodaTime.DateTimeZone.Utc) { StakingConversionsAreDisposals = disposals });
        var engine = CostBasisEngine.Run(Ledger(), prices, Fifo with { StakingConversionsAreDisposals = disposals });

        var held = series.Points.Where(p => p.Asset != Asset.Usd && p.Quantity != 0m).ToDictionary(p => p.Asset.Code, p => p.Quantity);
        var pooled = engine.Holdings.Where(p => p.Asset != Asset.Usd && p.Quantity != 0m).GroupBy(p => p.Asset.Code).ToDictionary(g => g.Key, g => g.Sum(p => p.Quantity));
        held.Should().BeEquivalentTo(disposals
            ? new Dictionary<string, decimal> { ["ETH2"] = 1m, ["ETH2R"] = 0.1m }
            : new Dictionary<string, decimal> { ["ETH"] = 1.1m });
        pooled.Should().BeEquivalentTo(held);
    }

    [Fact]
    public void Another_asset_staked_in_between_does_not_take_the_conversion() =>
        StakingConversions.Find(new LedgerBuilder().Buy("1 ETH", "2021-01-01", "100 USD").Buy("5 SOL", "2021-01-01", "100 USD")
                .Lock("1 ETH", "2021-02-01").Lock("5 SOL", "2021-02-02").Unlock("1 ETH2", "2021-03-01").Build())
            .Should().BeEquivalentTo(new Dictionary<Asset, Asset> { [Asset.Parse("ETH2")] = Asset.Parse("ETH"), [Asset.Parse("ETH2R")] = Asset.Parse("ETH") });

    [Fact]
    public void Staking_that_returns_the_same_asset_changes_nothing() =>
        StakingConversions.Find(new LedgerBuilder().Buy("1 ETH", "2021-01-01", "100 USD").Lock("1 ETH", "2021-02-01").Unlock("1 ETH", "2021-03-01").Build())
            .Should().BeEmpty();
}

using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Pricing;
using PortfolioSync.Domain.Tax;
using PortfolioSync.Domain.Tests.Support;

namespace PortfolioSync.Domain.Tests.CostBasis;

/// <summary>The average method and the UK rules on our own hand-worked ledgers (HMRC's own examples: HmrcExampleTests).</summary>
public sealed class AverageAndUkTests
{
    private static CostBasisResult Run(LedgerBuilder ledger, CostBasisMethod method) =>
        CostBasisEngine.Run(ledger.Build(), PriceBook.Empty, CostBasisOptions.For(method, Jurisdiction.Uk));

    [Fact]
    public void The_average_method_keeps_one_running_average_per_pool()
    {
        var ledger = new LedgerBuilder()
            .Buy("1 BTC", on: "2024-01-05", cost: "30000 GBP")
            .Buy("1 BTC", on: "2024-03-01", cost: "50000 GBP")
            .Sell("1.5 BTC", on: "2024-06-01", proceeds: "90000 GBP", fee: "30 GBP")
            .Buy("1 BTC", on: "2024-07-01", cost: "46000 GBP")
            .Sell("1.5 BTC", on: "2024-08-01", proceeds: "75000 GBP");

        var r = Run(ledger, CostBasisMethod.Average);

        // Pool 2 BTC / 80000 → average 40000; 1.5 BTC cost 60000; gain = 90000 − 30 − 60000 = 29970.
        r.Disposals[0].Cost.Should().Be(60000m);
        r.Disposals[0].Gain.Should().Be(29970m);
        r.Disposals[0].Lots.Single().Should().BeEquivalentTo(new
        {
            LotId = "average:universal:BTC", Rule = MatchRule.Average, AcquiredAt = (NodaTime.Instant?)null, Term = HoldingTerm.None,
        });
        // Left 0.5 / 20000; + 1 / 46000 → 1.5 / 66000 (average 44000); selling all 1.5 costs 66000: 75000 − 66000 = 9000.
        r.Disposals[1].Cost.Should().Be(66000m);
        r.Disposals[1].Gain.Should().Be(9000m);
        r.Holdings.Should().BeEmpty();
    }

    [Fact]
    public void Uk_same_day_acquisitions_are_matched_before_the_pool()
    {
        var ledger = new LedgerBuilder()
            .Buy("1 BTC", on: "2024-01-05", cost: "30000 GBP")
            .Sell("1 BTC", on: "2024-06-01", at: "09:00", proceeds: "61000 GBP", fee: "10 GBP")
            .Buy("1 BTC", on: "2024-06-01", at: "15:00", cost: "60000 GBP", fee: "20 GBP");

        var r = Run(ledger, CostBasisMethod.Uk);

        // Same day: the afternoon buy (60020 with its fee), even though it came after the sale.
        // gain = 61000 − 10 − 60020 = 970; the pool keeps the January coin at 30000.
        var d = r.Disposals.Single();
        d.Id.Should().Be("uk:universal:BTC:2024-06-01");
        d.Lots.Single().Rule.Should().Be(MatchRule.SameDay);
        d.Lots.Single().LotId.Should().Be("uk-day:universal:BTC:2024-06-01");
        d.Gain.Should().Be(970m);
        r.Holdings.Single().Should().Be(new Holding("universal", Asset.Btc, 1m, 30000m));
    }

    [Theory]
    [InlineData("2024-07-01", MatchRule.BedAndBreakfast, 27000)]   // day 30 after 1 June: matched with the repurchase
    [InlineData("2024-07-02", MatchRule.Pool, 10000)]              // day 31: the section 104 pool instead
    public void Uk_a_repurchase_within_30_days_is_matched_and_on_day_31_it_is_not(string repurchase, MatchRule rule, int cost)
    {
        var ledger = new LedgerBuilder()
            .Buy("2 BTC", on: "2024-01-05", cost: "20000 GBP")
            .Sell("1 BTC", on: "2024-06-01", proceeds: "25000 GBP")
            .Buy("1 BTC", on: repurchase, cost: "27000 GBP");

        var r = Run(ledger, CostBasisMethod.Uk);

        // B&B: cost 27000, gain 25000 − 27000 = −2000. Pool: 1 of 2 BTC at 20000 → 10000, gain 15000.
        var d = r.Disposals.Single();
        d.Lots.Single().Rule.Should().Be(rule);
        d.Cost.Should().Be(cost);
        d.Gain.Should().Be(25000m - cost);
        d.Lots.Single().Term.Should().Be(HoldingTerm.None);
        // Either way 2 BTC are left; after the B&B match the pool is the January 2 BTC at 20000,
        // after the pool match it is 1 BTC at 10000 + 1 BTC at 27000.
        r.Holdings.Single().Quantity.Should().Be(2m);
        r.Holdings.Single().Cost.Should().Be(rule == MatchRule.Pool ? 37000m : 20000m);
    }

    [Fact]
    public void Uk_days_are_london_days_not_utc_days()
    {
        // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST): same day as the 1 July sale.
        var ledger = new LedgerBuilder()
            .Buy("10 BTC", on: "2024-01-02", cost: "100000 GBP")
            .Buy("1 BTC", on: "2024-06-30", at: "23:30", cost: "50000 GBP")
            .Sell("1 BTC", on: "2024-07-01", at: "10:00", proceeds: "60000 GBP");

        var r = Run(ledger, CostBasisMethod.Uk);

        r.Disposals.Single().Lots.Single().Rule.Should().Be(MatchRule.SameDay);
        r.Disposals.Single().Gain.Should().Be(10000m);
    }

    [Fact]
    public void Uk_tax_years_start_on_6_april_in_london()
    {
        // 5 April 23:30 UTC is 6 April 00:30 BST: tax year 2024-25, not 2023-24.
        var ledger = new LedgerBuilder()
            .Buy("2 BTC", on: "2024-01-02", cost: "20000 GBP")
            .Sell("1 BTC", on: "2024-04-05", at: "22:30", proceeds: "25000 GBP")
            .Sell("1 BTC", on: "2024-04-05", at: "23:30", proceeds: "25000 GBP");

        var r = Run(ledger, CostBasisMethod.Uk);

        r.Disposals.Select(d => d.TaxYear.Label).Should().Equal("2023-24", "2024-25");
        r.Disposals.Select(d => d.Date).Should().Equal(LedgerBuilder.Date("2024-04-05"), LedgerBuilder.Date("2024-04-06"));
    }

    [Fact]
    public void Uk_disposals_on_one_day_are_one_disposal_listing_every_entry()
    {
        var ledger = new LedgerBuilder()
            .Buy("3 BTC", on: "2024-01-02", cost: "30000 GBP")
            .Sell("1 BTC", on: "2024-05-01", at: "09:00", proceeds: "20000 GBP")
            .Sell("1 BTC", on: "2024-05-01", at: "17:00", proceeds: "22000 GBP", account: "bot");

        var r = Run(ledger, CostBasisMethod.Uk);

        // One disposal of 2 BTC for 42000 against the pool (2 × 10000): gain 22000.
        var d = r.Disposals.Single();
        d.Quantity.Should().Be(2m);
        d.Proceeds.Should().Be(42000m);
        d.Gain.Should().Be(22000m);
        d.EntryIds.Should().Equal("bitstamp:main:1001", "bitstamp:bot:1002");
        d.Account.Should().Be("bot+main");
    }
}

using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Pricing;
using PortfolioSync.Domain.Tax;
using PortfolioSync.Domain.Tests.Support;

namespace PortfolioSync.Domain.Tests.CostBasis;

/// <summary>FIFO, LIFO and HIFO on hand-worked ledgers (base GBP, UTC, calendar years).</summary>
public sealed class LotOrderMethodTests
{
    private static CostBasisOptions Options(CostBasisMethod method) => CostBasisOptions.For(method) with { BaseCurrency = Asset.Gbp };

    private static CostBasisResult Run(LedgerBuilder ledger, CostBasisMethod method) =>
        CostBasisEngine.Run(ledger.Build(), PriceBook.Empty, Options(method));

    // Two buys with fees, then a partial sale with a fee.
    //   buy 1 BTC for 30000 + fee 10 → lot A: 1 BTC, cost 30010   (2024-01-05)
    //   buy 1 BTC for 50000 + fee 20 → lot B: 1 BTC, cost 50020   (2024-03-01)
    //   sell 1.5 BTC for 90000, fee 30                              (2024-06-01)
    private static LedgerBuilder TwoBuysAndAPartialSale() => new LedgerBuilder()
        .Buy("1 BTC", on: "2024-01-05", cost: "30000 GBP", fee: "10 GBP")
        .Buy("1 BTC", on: "2024-03-01", cost: "50000 GBP", fee: "20 GBP")
        .Sell("1.5 BTC", on: "2024-06-01", proceeds: "90000 GBP", fee: "30 GBP");

    [Fact]
    public void A_fifo_sale_consumes_the_oldest_lot_first()
    {
        var r = Run(TwoBuysAndAPartialSale(), CostBasisMethod.Fifo);

        // cost = 30010 (all of A) + 0.5 × 50020 (half of B) = 30010 + 25010 = 55020
        // gain = 90000 − 30 − 55020 = 34950
        var d = r.Disposals.Single();
        d.Quantity.Should().Be(1.5m);
        d.Proceeds.Should().Be(90000m);
        d.Fees.Should().Be(30m);
        d.Cost.Should().Be(55020m);
        d.Gain.Should().Be(34950m);
        d.TaxYear.Should().Be(new TaxYear(2024, TaxYearRule.Calendar));
        // Lots share proceeds and fees by quantity: A gets 1/1.5 = 60000 and 20, B gets 30000 and 10.
        d.Lots.Should().BeEquivalentTo(new[]
        {
            new { LotId = "bitstamp:main:1000/BTC", Quantity = 1m, Cost = 30010m, Proceeds = 60000m, Fees = 20m, Gain = 29970m, Rule = MatchRule.Fifo, Term = HoldingTerm.Short },
            new { LotId = "bitstamp:main:1001/BTC", Quantity = 0.5m, Cost = 25010m, Proceeds = 30000m, Fees = 10m, Gain = 4980m, Rule = MatchRule.Fifo, Term = HoldingTerm.Short },
        }, o => o.WithStrictOrdering());
        d.Lots[0].AcquiredDate.Should().Be(LedgerBuilder.Date("2024-01-05"));
        // Left: half of B, 0.5 BTC costing 50020 − 25010 = 25010.
        r.Holdings.Should().ContainSingle().Which.Should().Be(new Holding("universal", Asset.Btc, 0.5m, 25010m));
    }

    [Fact]
    public void A_lifo_sale_consumes_the_newest_lot_first()
    {
        var r = Run(TwoBuysAndAPartialSale(), CostBasisMethod.Lifo);

        // cost = 50020 (all of B) + 0.5 × 30010 (half of A) = 50020 + 15005 = 65025; gain = 90000 − 30 − 65025 = 24945
        var d = r.Disposals.Single();
        d.Cost.Should().Be(65025m);
        d.Gain.Should().Be(24945m);
        d.Lots.Select(l => (l.LotId, l.Quantity, l.Rule)).Should().Equal(
            ("bitstamp:main:1001/BTC", 1m, MatchRule.Lifo), ("bitstamp:main:1000/BTC", 0.5m, MatchRule.Lifo));
        r.Holdings.Single().Cost.Should().Be(15005m);
    }

    [Fact]
    public void A_hifo_sale_consumes_the_dearest_lot_first()
    {
        var ledger = new LedgerBuilder()
            .Buy("1 BTC", on: "2024-01-05", cost: "30000 GBP")
            .Buy("1 BTC", on: "2024-02-05", cost: "50000 GBP")
            .Buy("2 BTC", on: "2024-03-05", cost: "80000 GBP")   // 40000 each
            .Sell("2 BTC", on: "2024-06-01", proceeds: "120000 GBP");

        var r = Run(ledger, CostBasisMethod.Hifo);

        // 1 BTC at 50000, then 1 of the 2 BTC at 40000 each (80000 × 1/2) = 90000; gain = 120000 − 90000 = 30000
        var d = r.Disposals.Single();
        d.Cost.Should().Be(90000m);
        d.Gain.Should().Be(30000m);
        d.Lots.Select(l => (l.LotId, l.Quantity, l.Cost)).Should().Equal(
            ("bitstamp:main:1001/BTC", 1m, 50000m), ("bitstamp:main:1002/BTC", 1m, 40000m));
        // Left: 1 at 30000 and 1 at 40000.
        r.Holdings.Single().Should().Be(new Holding("universal", Asset.Btc, 2m, 70000m));
    }

    [Fact]
    public void Same_day_trades_under_fifo_still_match_the_oldest_lot()
    {
        var ledger = new LedgerBuilder()
            .Buy("1 BTC", on: "2024-01-05", cost: "30000 GBP")
            .Buy("1 BTC", on: "2024-06-01", cost: "60000 GBP", at: "09:00")
            .Sell("1 BTC", on: "2024-06-01", proceeds: "61000 GBP", at: "15:00");

        var r = Run(ledger, CostBasisMethod.Fifo);

        // FIFO knows no same-day rule: the January lot goes, 61000 − 30000 = 31000.
        r.Disposals.Single().Gain.Should().Be(31000m);
    }

    [Fact]
    public void A_sale_followed_by_a_repurchase_within_30_days_changes_nothing_under_fifo()
    {
        var ledger = new LedgerBuilder()
            .Buy("1 BTC", on: "2024-01-05", cost: "30000 GBP")
            .Sell("1 BTC", on: "2024-06-01", proceeds: "20000 GBP")
            .Buy("1 BTC", on: "2024-06-10", cost: "21000 GBP");

        var r = Run(ledger, CostBasisMethod.Fifo);

        // The loss stands (no wash-sale rule for crypto): 20000 − 30000 = −10000
        r.Disposals.Single().Gain.Should().Be(-10000m);
        r.Holdings.Single().Cost.Should().Be(21000m);
    }

    [Theory]
    [InlineData("2024-03-01", HoldingTerm.Short)]
    [InlineData("2024-03-02", HoldingTerm.Long)]
    public void A_lot_is_long_term_only_after_the_same_date_one_year_later(string soldOn, HoldingTerm term)
    {
        var ledger = new LedgerBuilder()
            .Buy("1 BTC", on: "2023-03-01", cost: "20000 USD")
            .Sell("1 BTC", on: soldOn, proceeds: "60000 USD");

        var r = CostBasisEngine.Run(ledger.Build(), PriceBook.Empty, CostBasisOptions.For(CostBasisMethod.Fifo, Jurisdiction.Us));

        r.Disposals.Single().Lots.Single().Term.Should().Be(term);
    }

    [Fact]
    public void The_holding_period_uses_the_date_in_the_configured_zone()
    {
        // Bought 2023-03-01 20:00 New York (2023-03-02 01:00 UTC); sold 2024-03-02 10:00 New York.
        // In New York the lot was bought on 1 March, so 2 March a year later is long; by UTC dates it would be short.
        var ledger = new LedgerBuilder()
            .Buy("1 BTC", on: "2023-03-02", at: "01:00", cost: "20000 USD")
            .Sell("1 BTC", on: "2024-03-02", at: "15:00", proceeds: "60000 USD");

        var r = CostBasisEngine.Run(ledger.Build(), PriceBook.Empty, CostBasisOptions.For(CostBasisMethod.Fifo, Jurisdiction.Us));

        r.Disposals.Single().Lots.Single().AcquiredDate.Should().Be(LedgerBuilder.Date("2023-03-01"));
        r.Disposals.Single().Lots.Single().Term.Should().Be(HoldingTerm.Long);
    }

    [Theory]
    [InlineData(CostBasisMethod.Fifo)]
    [InlineData(CostBasisMethod.Lifo)]
    [InlineData(CostBasisMethod.Hifo)]
    [InlineData(CostBasisMethod.Average)]
    [InlineData(CostBasisMethod.Uk)]
    public void Selling_more_than_is_held_is_filled_by_the_next_acquisition_and_only_what_nothing_follows_is_zero_cost(CostBasisMethod method)
    {
        var ledger = new LedgerBuilder()
            .Buy("1 BTC", on: "2024-01-05", cost: "30000 GBP")
            .Sell("1.5 BTC", on: "2024-06-01", proceeds: "90000 GBP")
            .Buy("1 BTC", on: "2024-09-01", cost: "70000 GBP")
            .Sell("1 BTC", on: "2024-10-01", proceeds: "80000 GBP");

        var r = Run(ledger, method);

        // First sale: 1 BTC at 30000 + 0.5 BTC identified with the September buy (later-acquisition, CG51555 step 4):
        // cost 30000 + 35000; gain 90000 − 65000 = 25000.
        var first = r.Disposals[0];
        first.Cost.Should().Be(65000m);
        first.Gain.Should().Be(25000m);
        first.Lots.Should().Contain(l => l.Rule == MatchRule.LaterAcquisition && l.Quantity == 0.5m && l.Cost == 35000m);
        // Second sale: the 0.5 BTC left of September (35000) and 0.5 BTC with nothing after it: zero cost, warned.
        var second = r.Disposals[1];
        second.Gain.Should().Be(45000m);
        second.Lots.Should().Contain(l => l.Rule == MatchRule.Shortfall && l.Quantity == 0.5m && l.Cost == 0m && l.Term == HoldingTerm.None);
        r.Warnings.Should().ContainSingle(w => w.Code == Warnings.WarningCode.NegativeBalance)
            .Which.Message.Should().Contain("0.5 BTC");
        r.Holdings.Should().BeEmpty();
    }
}

using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Pricing;
using PortfolioSync.Domain.Tax;
using PortfolioSync.Domain.Tests.Support;
using PortfolioSync.Domain.Warnings;

namespace PortfolioSync.Domain.Tests.CostBasis;

/// <summary>Valuation, fees, income, deposits, withdrawals, transfers and the other DESIGN.md §3 rules.</summary>
public sealed class EngineRuleTests
{
    private static CostBasisOptions Fifo => CostBasisOptions.For(CostBasisMethod.Fifo) with { BaseCurrency = Asset.Gbp };

    [Fact]
    public void A_usd_trade_is_valued_in_gbp_through_bitstamps_gbpusd_market()
    {
        var prices = Prices.Of(("GBP/USD", "2024-01-05", 1.25m), ("GBP/USD", "2024-06-01", 1.28m));
        var ledger = new LedgerBuilder()
            .Buy("1 BTC", on: "2024-01-05", cost: "40000 USD", fee: "50 USD")
            .Sell("1 BTC", on: "2024-06-01", proceeds: "64000 USD", fee: "64 USD");

        var r = CostBasisEngine.Run(ledger.Build(), prices, Fifo);

        // cost = (40000 + 50) / 1.25 = 32040 GBP; proceeds = 64000 / 1.28 = 50000; fees = 64 / 1.28 = 50
        // gain = 50000 − 50 − 32040 = 17910
        var d = r.Disposals.Single();
        d.Cost.Should().Be(32040m);
        d.Proceeds.Should().Be(50000m);
        d.Fees.Should().Be(50m);
        d.Gain.Should().Be(17910m);
        r.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void A_crypto_to_crypto_trade_is_valued_once_by_its_quote_leg_and_its_crypto_fee_is_a_disposal_too()
    {
        var prices = Prices.Of(("BTC/GBP", "2024-05-01", 40000m), ("ETH/GBP", "2024-05-01", 2100m));
        var ledger = new LedgerBuilder()
            .Buy("2 BTC", on: "2024-01-05", cost: "60000 GBP")
            .Swap(give: "1 BTC", get: "20 ETH", on: "2024-05-01", fee: "0.001 BTC");

        var r = CostBasisEngine.Run(ledger.Build(), prices, Fifo);

        // The fee is in BTC, so BTC is the quote: the trade is worth 1 BTC × 40000 = 40000, once.
        // BTC disposal: proceeds 40000; fee 0.001 BTC × 40000 = 40; cost 30000; gain 9960.
        // ETH lot: cost = the same 40000.
        // Fee disposal: 0.001 BTC at 40 against 0.001 × 30000 = 30: gain 10.
        r.Disposals.Should().HaveCount(2);
        r.Disposals[0].Should().BeEquivalentTo(new { Kind = DisposalKind.Exchange, Proceeds = 40000m, Fees = 40m, Cost = 30000m, Gain = 9960m });
        r.Disposals[1].Should().BeEquivalentTo(new { Id = "bitstamp:main:1001/BTC/fee", Kind = DisposalKind.Fee, Quantity = 0.001m, Proceeds = 40m, Cost = 30m, Gain = 10m });
        r.Holdings.Should().BeEquivalentTo(new[]
        {
            new Holding("universal", Asset.Btc, 0.999m, 29970m),
            new Holding("universal", Asset.Parse("ETH"), 20m, 40000m),
        });
    }

    [Fact]
    public void When_crypto_fees_are_not_disposals_the_fee_tokens_just_leave_the_pool()
    {
        var prices = Prices.Of(("BTC/GBP", "2024-05-01", 40000m), ("ETH/GBP", "2024-05-01", 2100m));
        var ledger = new LedgerBuilder()
            .Buy("2 BTC", on: "2024-01-05", cost: "60000 GBP")
            .Swap(give: "1 BTC", get: "20 ETH", on: "2024-05-01", fee: "0.001 BTC");

        var r = CostBasisEngine.Run(ledger.Build(), prices, Fifo with { CryptoFeesAreDisposals = false });

        r.Disposals.Should().ContainSingle();
        r.FeeRemovals.Single().Should().BeEquivalentTo(new { Asset = Asset.Btc, Quantity = 0.001m, Cost = 30m });
        r.Holdings.Single(h => h.Asset == Asset.Btc).Quantity.Should().Be(0.999m);
    }

    [Fact]
    public void A_swap_is_valued_by_its_quote_leg_and_by_the_other_leg_only_when_the_quote_has_no_price()
    {
        var ledger = new LedgerBuilder()
            .Buy("1 BTC", on: "2024-01-05", cost: "30000 GBP")
            .Swap(give: "1 BTC", get: "1000 NEWCOIN", on: "2024-05-01", quote: "BTC");

        // BTC is the quote (the market is NEWCOIN/BTC): its price values the trade.
        var r = CostBasisEngine.Run(ledger.Build(), Prices.Of(("BTC/GBP", "2024-05-01", 40000m)), Fifo);
        r.Disposals.Single().Proceeds.Should().Be(40000m);
        r.Holdings.Single(h => h.Asset == Asset.Parse("NEWCOIN")).Cost.Should().Be(40000m);
        r.Warnings.Should().BeEmpty();

        // Only NEWCOIN priced: the quote is missing (warned), the other leg values the trade once for both sides.
        var other = CostBasisEngine.Run(ledger.Build(), Prices.Of(("NEWCOIN/GBP", "2024-05-01", 41m)), Fifo);
        other.Disposals.Single().Proceeds.Should().Be(41000m);
        other.Holdings.Single(h => h.Asset == Asset.Parse("NEWCOIN")).Cost.Should().Be(41000m);
        other.Warnings.Should().ContainSingle(w => w.Code == WarningCode.MissingPrice)
            .Which.Message.Should().Contain("BTC->GBP").And.Contain("2024-05-01");
    }

    [Fact]
    public void A_fee_less_swap_is_valued_by_the_quote_its_market_names_whatever_the_asset()
    {
        // A market quoted in a stablecoin no list knows: the entry carries its quote, so NEWUSD values the trade
        // (a symbol list would have picked ETH, 2,100).
        var prices = Prices.Of(("NEWUSD/GBP", "2024-05-01", 0.8m), ("ETH/GBP", "2024-05-01", 2100m));
        var ledger = new LedgerBuilder()
            .Buy("2500 NEWUSD", on: "2024-01-05", cost: "2500 GBP")
            .Swap(give: "2500 NEWUSD", get: "1 ETH", on: "2024-05-01", quote: "NEWUSD");

        var r = CostBasisEngine.Run(ledger.Build(), prices, Fifo);

        // 2,500 NEWUSD × 0.8 = 2,000: the proceeds of the NEWUSD given and the cost of the ETH received.
        r.Disposals.Single().Should().BeEquivalentTo(new { Proceeds = 2000m, Cost = 2500m, Gain = -500m });
        r.Holdings.Single(h => h.Asset == Asset.Parse("ETH")).Cost.Should().Be(2000m);
        r.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void A_fee_less_swap_stored_without_a_quote_is_valued_by_its_second_leg()
    {
        // An entry without a quote and without a fee: its second leg (NEWUSD) is the quote, not ETH.
        var prices = Prices.Of(("NEWUSD/GBP", "2024-05-01", 0.8m), ("ETH/GBP", "2024-05-01", 2100m));
        var ledger = new LedgerBuilder()
            .Buy("1 ETH", on: "2024-01-05", cost: "1500 GBP")
            .Swap(give: "1 ETH", get: "2500 NEWUSD", on: "2024-05-01");

        var r = CostBasisEngine.Run(ledger.Build(), prices, Fifo);

        ledger.Build()[1].Quote.Should().BeNull();
        // 2,500 NEWUSD × 0.8 = 2,000: proceeds of the ETH (gain 500) and cost of the NEWUSD.
        r.Disposals.Single().Should().BeEquivalentTo(new { Proceeds = 2000m, Cost = 1500m, Gain = 500m });
        r.Holdings.Single(h => h.Asset == Asset.Parse("NEWUSD")).Cost.Should().Be(2000m);
    }

    [Fact]
    public void A_missing_price_is_a_warning_naming_pair_and_date_never_a_silent_zero()
    {
        var ledger = new LedgerBuilder()
            .Buy("1 BTC", on: "2024-01-05", cost: "30000 GBP")
            .Swap(give: "1 BTC", get: "1000 NEWCOIN", on: "2024-05-01");

        var r = CostBasisEngine.Run(ledger.Build(), PriceBook.Empty, Fifo);

        r.Disposals.Single().Proceeds.Should().Be(0m);
        r.Warnings.Where(w => w.Code == WarningCode.MissingPrice).Select(w => w.Message).Should().SatisfyRespectively(
            m => m.Should().Contain("BTC->GBP price for 2024-05-01"),
            m => m.Should().Contain("NEWCOIN->GBP price for 2024-05-01"));
    }

    [Fact]
    public void Staking_income_is_valued_on_receipt_and_becomes_the_cost_of_the_coins_later_sold()
    {
        var prices = Prices.Of(("ETH/GBP", "2024-03-01", 2000m));
        var ledger = new LedgerBuilder()
            .Income("0.1 ETH", on: "2024-03-01", kind: EntryKind.StakingReward)
            .Sell("0.1 ETH", on: "2024-04-01", proceeds: "250 GBP");

        var r = CostBasisEngine.Run(ledger.Build(), prices, Fifo);

        // Income 0.1 × 2000 = 200; sale 250 − 200 = 50.
        r.Income.Single().Should().BeEquivalentTo(new { Asset = Asset.Parse("ETH"), Quantity = 0.1m, Value = 200m, ValueKnown = true, Kind = EntryKind.StakingReward });
        r.Disposals.Single().Gain.Should().Be(50m);
    }

    [Fact]
    public void Staking_locks_and_unlocks_change_nothing()
    {
        var ledger = new LedgerBuilder()
            .Buy("10 ETH", on: "2024-01-05", cost: "20000 GBP")
            .Lock("10 ETH", on: "2024-02-01")
            .Unlock("10 ETH", on: "2024-03-01");

        var r = CostBasisEngine.Run(ledger.Build(), PriceBook.Empty, Fifo);

        r.Disposals.Should().BeEmpty();
        r.Holdings.Single().Should().Be(new Holding("universal", Asset.Parse("ETH"), 10m, 20000m));
    }

    [Fact]
    public void A_deposit_from_outside_is_a_zero_cost_lot_with_a_warning_unless_a_manual_cost_is_given()
    {
        var ledger = new LedgerBuilder()
            .Deposit("1 BTC", on: "2024-01-05")
            .Deposit("2 BTC", on: "2024-02-05")
            .Sell("3 BTC", on: "2024-06-01", proceeds: "150000 GBP");

        var bare = CostBasisEngine.Run(ledger.Build(), PriceBook.Empty, Fifo);
        var costed = CostBasisEngine.Run(ledger.Build(), PriceBook.Empty, Fifo with
        {
            ManualCosts = [ManualCost.ForEntry("main", 1000, 20000m), ManualCost.ForAssetOn(Asset.Btc, LedgerBuilder.Date("2024-02-05"), 70000m),
                ManualCost.ForAssetOn(Asset.Btc, LedgerBuilder.Date("2024-02-06"), 1m)],
        });

        bare.Disposals.Single().Cost.Should().Be(0m);
        bare.Warnings.Where(w => w.Code == WarningCode.MissingCostBasis).Should().HaveCount(2);
        // With costs: 20000 + 70000 = 90000; gain 60000. The third manual cost matched nothing.
        costed.Disposals.Single().Cost.Should().Be(90000m);
        costed.Warnings.Should().ContainSingle().Which.Code.Should().Be(WarningCode.ManualCostUnused);
    }

    [Fact]
    public void A_withdrawal_moves_lots_to_external_holdings_or_is_a_disposal_when_asked()
    {
        var prices = Prices.Of(("BTC/GBP", "2024-03-01", 50000m));
        var ledger = new LedgerBuilder()
            .Buy("2 BTC", on: "2024-01-05", cost: "60000 GBP")
            .Withdraw("1 BTC", on: "2024-03-01");

        var kept = CostBasisEngine.Run(ledger.Build(), prices, Fifo);
        var sold = CostBasisEngine.Run(ledger.Build(), prices, Fifo with { WithdrawalsAreDisposals = true });

        kept.Disposals.Should().BeEmpty();
        kept.External.Single().Should().Be(new Holding("universal", Asset.Btc, 1m, 30000m));
        kept.Holdings.Single().Should().Be(new Holding("universal", Asset.Btc, 1m, 30000m));
        sold.Disposals.Single().Should().BeEquivalentTo(new { Kind = DisposalKind.Withdrawal, Proceeds = 50000m, Cost = 30000m, Gain = 20000m });
        sold.External.Should().BeEmpty();
    }

    [Fact]
    public void A_transfer_between_subaccounts_moves_lots_with_their_dates_and_costs_per_account()
    {
        var ledger = new LedgerBuilder()
            .Buy("1 BTC", on: "2024-01-05", cost: "30000 GBP", account: "main")
            .Buy("1 BTC", on: "2024-01-20", cost: "50000 GBP", account: "bot")
            .Buy("1 BTC", on: "2024-02-01", cost: "40000 GBP", account: "main")
            .Transfer("1 BTC", from: "main", to: "bot", on: "2024-03-01")
            .Sell("1 BTC", on: "2024-06-01", proceeds: "60000 GBP", account: "main");

        var perAccount = CostBasisEngine.Run(ledger.Build(), PriceBook.Empty, Fifo with { Scope = PoolScope.PerAccount });
        var universal = CostBasisEngine.Run(ledger.Build(), PriceBook.Empty, Fifo);

        // Per account: the transfer took main's oldest lot (5 Jan, 30000) to bot; main then sells its 1 Feb lot (40000).
        perAccount.Disposals.Single().Cost.Should().Be(40000m);
        perAccount.Holdings.Should().Equal(new Holding("bot", Asset.Btc, 2m, 80000m));
        // Universal: the transfer changes nothing; FIFO takes the 5 January lot.
        universal.Disposals.Single().Cost.Should().Be(30000m);
        universal.Holdings.Should().Equal(new Holding("universal", Asset.Btc, 2m, 90000m));
        perAccount.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void A_moved_lot_keeps_its_acquisition_date_for_fifo_in_the_new_account()
    {
        var ledger = new LedgerBuilder()
            .Buy("1 BTC", on: "2024-01-05", cost: "30000 GBP", account: "main")
            .Buy("1 BTC", on: "2024-01-20", cost: "50000 GBP", account: "bot")
            .Transfer("1 BTC", from: "main", to: "bot", on: "2024-03-01")
            .Sell("1 BTC", on: "2024-06-01", proceeds: "60000 GBP", account: "bot");

        var r = CostBasisEngine.Run(ledger.Build(), PriceBook.Empty, Fifo with { Scope = PoolScope.PerAccount });

        r.Disposals.Single().Lots.Single().Should().BeEquivalentTo(new { LotId = "bitstamp:main:1000/BTC", Cost = 30000m, AcquiredDate = LedgerBuilder.Date("2024-01-05") });
    }

    [Fact]
    public void An_unpaired_transfer_side_is_warned_and_treated_as_a_deposit_or_withdrawal()
    {
        var ledger = new LedgerBuilder()
            .Buy("1 BTC", on: "2024-01-05", cost: "30000 GBP")
            .TransferSide("-0.5 BTC", on: "2024-02-01")
            .TransferSide("0.2 BTC", on: "2024-03-01", account: "bot");

        var r = CostBasisEngine.Run(ledger.Build(), PriceBook.Empty, Fifo with { Scope = PoolScope.PerAccount });

        r.Warnings.Select(w => w.Code).Should().Equal(WarningCode.UnmatchedTransfer, WarningCode.UnmatchedTransfer, WarningCode.MissingCostBasis);
        r.External.Single().Should().Be(new Holding("main", Asset.Btc, 0.5m, 15000m));
        r.Holdings.Should().Equal(new Holding("bot", Asset.Btc, 0.2m, 0m) { CostFlags = CostFlags.ZeroCostDeposit }, new Holding("main", Asset.Btc, 0.5m, 15000m));
    }

    [Fact]
    public void Unknown_entries_are_ignored_with_a_warning_that_says_sync_reported_them()
    {
        var r = CostBasisEngine.Run(new LedgerBuilder().Unknown(on: "2024-01-05").Build(), PriceBook.Empty, Fifo);

        r.Warnings.Single().Should().BeEquivalentTo(new { Code = WarningCode.UnknownRecord, EntryId = "bitstamp:main:1000" });
        r.Warnings.Single().Message.Should().Contain("already reported at sync");
    }

    [Fact]
    public void Holdings_are_snapshotted_at_the_requested_instants()
    {
        var ledger = new LedgerBuilder()
            .Buy("1 BTC", on: "2024-01-05", cost: "30000 GBP")
            .Buy("1 BTC", on: "2024-03-01", cost: "50000 GBP")
            .Sell("1 BTC", on: "2024-06-01", proceeds: "60000 GBP");
        var endOfFebruary = LedgerBuilder.Instant("2024-03-01", "00:00");
        var yearEnd = LedgerBuilder.Instant("2024-12-31", "23:59");

        var r = CostBasisEngine.Run(ledger.Build(), PriceBook.Empty, Fifo with { SnapshotAt = [yearEnd, endOfFebruary] });

        r.Snapshots.Select(s => s.Holdings.Single().Cost).Should().Equal(50000m, 30000m);
        r.Snapshots[0].At.Should().Be(yearEnd);
    }

    [Theory]
    [InlineData(CostBasisMethod.Fifo)]
    [InlineData(CostBasisMethod.Uk)]
    public void Input_order_does_not_matter(CostBasisMethod method)
    {
        var ledger = new LedgerBuilder()
            .Buy("1 BTC", on: "2024-01-05", cost: "30000 GBP")
            .Buy("1 BTC", on: "2024-01-05", cost: "31000 GBP")
            .Sell("1.5 BTC", on: "2024-06-01", proceeds: "90000 GBP")
            .Buy("1 BTC", on: "2024-06-10", cost: "50000 GBP").Build();
        var options = CostBasisOptions.For(method, Jurisdiction.Uk);

        var forward = CostBasisEngine.Run(ledger, PriceBook.Empty, options);
        var backward = CostBasisEngine.Run(ledger.Reverse().ToList(), PriceBook.Empty, options);

        backward.Disposals.Should().BeEquivalentTo(forward.Disposals, o => o.WithStrictOrdering());
        backward.Holdings.Should().Equal(forward.Holdings);
    }

    [Fact]
    public void Calendar_tax_years_in_new_york_follow_the_local_date()
    {
        // 2025-01-01 03:00 UTC is still 31 December 2024 in New York.
        var ledger = new LedgerBuilder()
            .Buy("1 BTC", on: "2024-01-05", cost: "30000 USD")
            .Sell("1 BTC", on: "2025-01-01", at: "03:00", proceeds: "90000 USD");

        var r = CostBasisEngine.Run(ledger.Build(), PriceBook.Empty, CostBasisOptions.For(CostBasisMethod.Fifo, Jurisdiction.Us));

        r.Disposals.Single().TaxYear.Should().Be(new TaxYear(2024, TaxYearRule.Calendar));
    }
}

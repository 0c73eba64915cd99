using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Pricing;
using PortfolioSync.Domain.Tax;
using PortfolioSync.Domain.Tests.Support;
using PortfolioSync.Domain.Warnings;

namespace PortfolioSync.Domain.Tests.CostBasis;

/// <summary>
/// Issue 14: the UK and US cases that real histories meet (coins coming back, stablecoin pairs, wallet-by-wallet from
/// 2025, overselling, coins bought elsewhere, derivatives, dust). Each expected figure is worked out in the comment.
/// </summary>
public sealed class RealHistoryTests
{
    private static CostBasisOptions Us(CostBasisMethod method = CostBasisMethod.Fifo) =>
        CostBasisOptions.For(method, Jurisdiction.Us) with { AccountOrder = ["main", "savings"] };

    private static CostBasisOptions Uk => CostBasisOptions.For(CostBasisMethod.Uk, Jurisdiction.Uk);

    // ---- US: wallet by wallet from 2025 ----

    [Fact]
    public void Us_per_account_from_2025_allocates_the_universal_lots_to_the_accounts_holding_the_coins()
    {
        var ledger = new LedgerBuilder()
            .Buy("1 BTC", on: "2023-01-10", cost: "10000 USD", account: "main")
            .Buy("1 BTC", on: "2023-06-10", cost: "50000 USD", account: "savings")
            .Sell("1 BTC", on: "2024-03-10", proceeds: "60000 USD", account: "savings")
            .Sell("1 BTC", on: "2025-03-10", proceeds: "100000 USD", account: "main");

        var r = CostBasisEngine.Run(ledger.Build(), PriceBook.Empty, Us());

        // 2024, universal FIFO: the savings sale takes the oldest lot (main's $10,000): gain 50,000.
        // 1 Jan 2025: the universal pool's last lot (the $50,000 one of 2023-06-10) goes to main, which holds 1 BTC.
        // 2025: main sells it for $100,000: gain 50,000, long term (2023-06-10 to 2025-03-10).
        r.Disposals.Select(d => (d.TaxYear.StartYear, d.Gain)).Should().Equal((2024, 50000m), (2025, 50000m));
        r.Disposals[1].Lots.Single().Term.Should().Be(HoldingTerm.Long);
        r.Allocations.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Date = LedgerBuilder.Date("2025-01-01"), Asset = Asset.Btc, Account = "main", LotId = "bitstamp:savings:1001/BTC",
            Quantity = 1m, Cost = 50000m,
        });
        r.Warnings.Should().BeEmpty();
        // Per account over all history (the old reading) gives 10,000 + 90,000.
        var perAccount = CostBasisEngine.Run(ledger.Build(), PriceBook.Empty, Us() with { Scope = PoolScope.PerAccount });
        perAccount.Disposals.Select(d => d.Gain).Should().Equal(10000m, 90000m);
    }

    [Fact]
    public void The_allocation_takes_accounts_in_config_order_and_lots_in_the_methods_priority()
    {
        var ledger = new LedgerBuilder()
            .Buy("1 BTC", on: "2024-01-10", cost: "40000 USD", account: "savings")
            .Buy("1 BTC", on: "2024-02-10", cost: "50000 USD", account: "savings")
            .Transfer("1 BTC", from: "savings", to: "main", on: "2024-03-01");

        var fifo = CostBasisEngine.Run(ledger.Build(), PriceBook.Empty, Us());
        var hifo = CostBasisEngine.Run(ledger.Build(), PriceBook.Empty, Us(CostBasisMethod.Hifo) with { AccountOrder = ["savings", "main"] });

        // The ledger ends before 2025, so allocation happens only when something follows it.
        fifo.Allocations.Should().BeEmpty();
        var later = ledger.Buy("0.1 BTC", on: "2025-02-01", cost: "9000 USD", account: "main").Build();
        fifo = CostBasisEngine.Run(later, PriceBook.Empty, Us());
        hifo = CostBasisEngine.Run(later, PriceBook.Empty, Us(CostBasisMethod.Hifo) with { AccountOrder = ["savings", "main"] });
        fifo.Allocations.Select(a => (a.Account, a.Cost)).Should().Equal(("main", 40000m), ("savings", 50000m));
        hifo.Allocations.Select(a => (a.Account, a.Cost)).Should().Equal(("savings", 50000m), ("main", 40000m));
        fifo.Holdings.Should().BeEquivalentTo(new[]
        {
            new Holding("main", Asset.Btc, 1.1m, 49000m),
            new Holding("savings", Asset.Btc, 1m, 50000m),
        });
    }

    [Fact]
    public void A_us_year_from_2025_with_universal_pools_is_flagged_by_the_rules()
    {
        JurisdictionRules.UniversalTooLate(Jurisdiction.Us, PoolScope.Universal, new TaxYear(2025, TaxYearRule.Calendar)).Should().BeTrue();
        JurisdictionRules.UniversalTooLate(Jurisdiction.Us, PoolScope.Universal, new TaxYear(2024, TaxYearRule.Calendar)).Should().BeFalse();
        JurisdictionRules.UniversalTooLate(Jurisdiction.Us, PoolScope.PerAccountFrom, new TaxYear(2025, TaxYearRule.Calendar)).Should().BeFalse();
        JurisdictionRules.Check(Jurisdiction.Us, CostBasisMethod.Fifo, PoolScope.Universal).Notes.Should().ContainSingle()
            .Which.Should().Contain("1 January 2025");
    }

    // ---- Crypto to crypto: valued once ----

    [Theory]
    [InlineData(CostBasisMethod.Fifo)]
    [InlineData(CostBasisMethod.Lifo)]
    [InlineData(CostBasisMethod.Hifo)]
    [InlineData(CostBasisMethod.Average)]
    [InlineData(CostBasisMethod.Uk)]
    public void A_round_trip_through_a_stablecoin_gains_exactly_the_money_that_came_back(CostBasisMethod method)
    {
        // Day closes that disagree with the trades: USDT off its peg both ways, BTC closes unrelated to the fills.
        var prices = Prices.Of(
            ("USDT/USD", "2024-01-10", 1.0020m), ("USDT/USD", "2024-02-10", 0.9970m), ("USDT/USD", "2024-03-10", 1.0010m),
            ("USDT/USD", "2024-06-10", 0.9990m),
            ("BTC/USD", "2024-02-10", 58000m), ("BTC/USD", "2024-03-10", 64000m), ("BTC/USDT", "2024-02-10", 58100m));
        var ledger = new LedgerBuilder()
            .Buy("60000 USDT", on: "2024-01-10", cost: "60000 USD")
            .Swap(give: "60000 USDT", get: "1 BTC", on: "2024-02-10", quote: "USDT")
            .Swap(give: "1 BTC", get: "61000 USDT", on: "2024-03-10", quote: "USDT")
            .Sell("61000 USDT", on: "2024-06-10", proceeds: "61000 USD");

        var r = CostBasisEngine.Run(ledger.Build(), prices, CostBasisOptions.For(method) with { Scope = PoolScope.Universal });

        // BTC cost = 60,000 USDT at 0.997 = 59,820 = the USDT disposal's proceeds; BTC proceeds = 61,000 USDT at 1.001
        // = 61,061 = the new USDT lot's cost. Whatever the closes, the gains add up to 61,000 − 60,000.
        r.Disposals.Sum(d => d.Gain).Should().Be(1000m);
        r.Disposals.Single(d => d.Asset == Asset.Btc).Should().BeEquivalentTo(new { Proceeds = 61061m, Cost = 59820m });
        r.Holdings.Should().BeEmpty();
    }

    [Fact]
    public void The_hmrc_two_value_convention_is_an_option_and_values_each_leg_at_its_own_close()
    {
        var prices = Prices.Of(("USDT/USD", "2024-02-10", 0.9970m), ("BTC/USD", "2024-02-10", 58000m));
        var ledger = new LedgerBuilder()
            .Buy("60000 USDT", on: "2024-01-10", cost: "60000 USD")
            .Swap(give: "60000 USDT", get: "1 BTC", on: "2024-02-10");
        var options = CostBasisOptions.For(CostBasisMethod.Fifo) with { CryptoToCrypto = CryptoToCryptoValuation.EachLeg };

        var r = CostBasisEngine.Run(ledger.Build(), prices, options);

        // CRYPTO22257: proceeds = value of the BTC received (58,000); BTC cost = value of the USDT given (59,820).
        r.Disposals.Single().Proceeds.Should().Be(58000m);
        r.Holdings.Single().Cost.Should().Be(59820m);
    }

    // ---- UK: one pool per person; later acquisitions; day kind ----

    [Fact]
    public void Uk_pools_across_accounts_so_a_repurchase_in_another_account_is_bed_and_breakfast()
    {
        var ledger = new LedgerBuilder()
            .Buy("1 BTC", on: "2024-01-10", cost: "10000 GBP", account: "A")
            .Buy("1 BTC", on: "2024-02-10", cost: "30000 GBP", account: "B")
            .Sell("1 BTC", on: "2024-06-01", proceeds: "40000 GBP", account: "A")
            .Buy("1 BTC", on: "2024-06-10", cost: "41000 GBP", account: "B");

        var universal = CostBasisEngine.Run(ledger.Build(), PriceBook.Empty, Uk);
        var perAccount = CostBasisEngine.Run(ledger.Build(), PriceBook.Empty, Uk with { Scope = PoolScope.PerAccount });

        // The 10 June buy is within 30 days after the sale: 40,000 − 41,000 = −1,000 (CRYPTO22200, TCGA92 s106A).
        universal.Disposals.Single().Gain.Should().Be(-1000m);
        universal.Disposals.Single().Lots.Single().Rule.Should().Be(MatchRule.BedAndBreakfast);
        perAccount.Disposals.Single().Gain.Should().Be(30000m);   // what per-account pools gave: refused for uk
        JurisdictionRules.Check(Jurisdiction.Uk, CostBasisMethod.Uk, PoolScope.PerAccount).Refusal.Should().Contain("CRYPTO22200");
    }

    [Fact]
    public void Uk_selling_more_than_is_held_is_identified_with_the_later_acquisition()
    {
        var ledger = new LedgerBuilder()
            .Sell("1 BTC", on: "2024-01-10", proceeds: "40000 GBP")
            .Buy("1 BTC", on: "2024-03-10", cost: "42000 GBP");

        var r = CostBasisEngine.Run(ledger.Build(), PriceBook.Empty, Uk);

        // Not same day, not within 30 days, nothing in the pool: the 10 March buy (CG51555 step 4): −2,000.
        var d = r.Disposals.Single();
        d.Gain.Should().Be(-2000m);
        d.Lots.Single().Should().BeEquivalentTo(new { Rule = MatchRule.LaterAcquisition, LotId = "bitstamp:main:1001/BTC", Cost = 42000m });
        r.Holdings.Should().BeEmpty();
        r.Warnings.Should().NotContain(w => w.Code == WarningCode.NegativeBalance);
    }

    [Fact]
    public void A_uk_days_disposal_kind_is_the_kind_of_its_largest_part()
    {
        var prices = Prices.Of(("BTC/GBP", "2024-05-01", 40000m), ("ETH/GBP", "2024-05-01", 2000m));
        var ledger = new LedgerBuilder()
            .Buy("2 BTC", on: "2024-01-05", cost: "60000 GBP")
            .Sell("0.1 BTC", on: "2024-05-01", proceeds: "4000 GBP", at: "09:00")
            .Swap(give: "1 BTC", get: "20 ETH", on: "2024-05-01", at: "10:00");

        var r = CostBasisEngine.Run(ledger.Build(), prices, Uk);

        r.Disposals.Single(d => d.Asset == Asset.Btc).Kind.Should().Be(DisposalKind.Exchange);
    }

    // ---- Own coins coming back ----

    [Fact]
    public void Uk_coins_withdrawn_and_deposited_back_are_not_a_purchase()
    {
        var ledger = new LedgerBuilder()
            .Buy("2 BTC", on: "2024-01-10", cost: "40000 GBP")
            .Withdraw("1 BTC", on: "2024-05-01")
            .Sell("1 BTC", on: "2024-05-10", proceeds: "50000 GBP")
            .Deposit("1 BTC", on: "2024-05-20");

        var r = CostBasisEngine.Run(ledger.Build(), PriceBook.Empty, Uk);

        // The deposit takes back the withdrawn coin (cost 20,000), so no 30-day match at zero cost:
        // 50,000 − 20,000 = 30,000; the pool holds 1 BTC at 20,000.
        r.Disposals.Single().Gain.Should().Be(30000m);
        r.Holdings.Should().Equal(new Holding("universal", Asset.Btc, 1m, 20000m));
        r.External.Should().BeEmpty();
        r.Warnings.Should().NotContain(w => w.Code == WarningCode.MissingCostBasis);
    }

    [Fact]
    public void Uk_withdrawn_coins_stay_in_the_section_104_pool_so_its_average_blends_them_with_later_purchases()
    {
        // The person still holds the withdrawn coin (CRYPTO22200): it stays in the pool while it is away.
        var ledger = new LedgerBuilder()
            .Buy("2 BTC", on: "2024-01-10", cost: "40000 GBP")
            .Withdraw("1 BTC", on: "2024-02-01")
            .Buy("1 BTC", on: "2024-03-01", cost: "50000 GBP")
            .Sell("1 BTC", on: "2024-05-01", proceeds: "60000 GBP")
            .Deposit("1 BTC", on: "2024-07-01");
        var whileAway = LedgerBuilder.Instant("2024-06-01");

        var r = CostBasisEngine.Run(ledger.Build(), PriceBook.Empty, Uk with { SnapshotAt = [whileAway] });

        // Pool: 3 BTC for 90,000 (the coin away included), average 30,000: 60,000 − 30,000 = 30,000. Setting the coin
        // aside at 20,000 would have made the sale's cost (20,000 + 50,000) / 2 = 35,000 and the gain 25,000.
        var sale = r.Disposals.Single();
        sale.Cost.Should().Be(30000m);
        sale.Gain.Should().Be(30000m);
        sale.Lots.Single().Rule.Should().Be(MatchRule.Pool);
        // While away it is listed as external, at the pool's average; back on the exchange, it is simply held.
        var snapshot = r.Snapshots.Single();
        snapshot.Holdings.Should().Equal(new Holding("universal", Asset.Btc, 1m, 30000m));
        snapshot.External.Should().Equal(new Holding("universal", Asset.Btc, 1m, 30000m));
        r.Holdings.Should().Equal(new Holding("universal", Asset.Btc, 2m, 60000m));
        r.External.Should().BeEmpty();
        r.Warnings.Should().NotContain(w => w.Code == WarningCode.MissingCostBasis || w.Code == WarningCode.NegativeBalance);
    }

    [Fact]
    public void Uk_a_sale_on_the_exchange_never_takes_the_coins_that_are_away()
    {
        // 1 BTC held, 1 withdrawn, then a record sells 1 (a gap in the data): the sale is short on the exchange and is
        // identified with the next purchase, as any sale of more than is held; the coin away stays in the pool.
        var ledger = new LedgerBuilder()
            .Buy("1 BTC", on: "2024-01-10", cost: "20000 GBP")
            .Withdraw("1 BTC", on: "2024-02-01")
            .Sell("1 BTC", on: "2024-05-01", proceeds: "60000 GBP")
            .Buy("1 BTC", on: "2024-07-01", cost: "50000 GBP");

        var r = CostBasisEngine.Run(ledger.Build(), PriceBook.Empty, Uk);

        r.Disposals.Single().Gain.Should().Be(10000m);
        r.External.Should().Equal(new Holding("universal", Asset.Btc, 1m, 20000m));
        r.Holdings.Should().BeEmpty();
    }

    [Fact]
    public void Us_an_unpaired_transfer_out_and_back_keeps_the_lot_and_its_holding_period()
    {
        var ledger = new LedgerBuilder()
            .Buy("1 BTC", on: "2023-01-10", cost: "40000 USD")
            .TransferSide("-1 BTC", on: "2023-06-01")
            .TransferSide("1 BTC", on: "2023-07-01")
            .Sell("1 BTC", on: "2024-02-01", proceeds: "60000 USD");

        var r = CostBasisEngine.Run(ledger.Build(), PriceBook.Empty, Us());

        var d = r.Disposals.Single();
        d.Gain.Should().Be(20000m);
        d.Lots.Single().Should().BeEquivalentTo(new { LotId = "bitstamp:main:1000/BTC", Term = HoldingTerm.Long });
    }

    [Fact]
    public void Only_the_excess_of_a_deposit_over_what_left_is_a_new_deposit_and_a_manual_cost_makes_it_an_acquisition()
    {
        var ledger = new LedgerBuilder()
            .Buy("1 BTC", on: "2024-01-10", cost: "40000 USD")
            .Withdraw("1 BTC", on: "2024-02-01")
            .Deposit("1.5 BTC", on: "2024-03-01");

        var r = CostBasisEngine.Run(ledger.Build(), PriceBook.Empty, Us());
        r.Holdings.Single().Should().BeEquivalentTo(new { Quantity = 1.5m, Cost = 40000m });
        r.Warnings.Should().ContainSingle(w => w.Code == WarningCode.MissingCostBasis).Which.Message.Should().StartWith("0.5 BTC");

        var manual = Us() with { ManualCosts = [ManualCost.ForEntry("main", 1002, 60000m)] };
        var m = CostBasisEngine.Run(ledger.Build(), PriceBook.Empty, manual);
        m.Holdings.Single().Should().BeEquivalentTo(new { Quantity = 1.5m, Cost = 60000m });
        m.External.Single().Should().BeEquivalentTo(new { Quantity = 1m, Cost = 40000m });
    }

    // ---- manual-costs acquired_at ----

    [Fact]
    public void A_manual_cost_with_acquired_at_dates_the_lot_for_the_holding_period()
    {
        var ledger = new LedgerBuilder()
            .Deposit("1 BTC", on: "2024-05-01")
            .Sell("1 BTC", on: "2024-06-01", proceeds: "70000 USD");
        var cost = ManualCost.ForEntry("main", 1000, 9000m) with { AcquiredAt = LedgerBuilder.Instant("2020-02-01") };

        var r = CostBasisEngine.Run(ledger.Build(), PriceBook.Empty, Us() with { ManualCosts = [cost] });

        var lot = r.Disposals.Single().Lots.Single();
        lot.Gain.Should().Be(61000m);
        lot.Term.Should().Be(HoldingTerm.Long);
        lot.AcquiredDate.Should().Be(LedgerBuilder.Date("2020-02-01"));
    }

    [Fact]
    public void Uk_a_coin_bought_elsewhere_long_ago_joins_the_pool_and_is_not_matched_as_a_same_day_buy()
    {
        var ledger = new LedgerBuilder()
            .Buy("1 BTC", on: "2024-05-01", cost: "50000 GBP", at: "09:00")
            .Deposit("1 BTC", on: "2024-05-01", at: "10:00")
            .Sell("1 BTC", on: "2024-05-01", proceeds: "52000 GBP", at: "11:00");
        var cost = ManualCost.ForEntry("main", 1001, 10000m) with { AcquiredAt = LedgerBuilder.Instant("2019-01-01") };

        var r = CostBasisEngine.Run(ledger.Build(), PriceBook.Empty, Uk with { ManualCosts = [cost] });

        // Same day: the 09:00 buy (50,000): gain 2,000. The deposit's coin was acquired in 2019: pool, untouched.
        r.Disposals.Single().Gain.Should().Be(2000m);
        r.Holdings.Single().Cost.Should().Be(10000m);
    }

    // ---- Derivatives and dust ----

    [Fact]
    public void Derivatives_settlements_are_listed_signed_and_never_income()
    {
        var prices = Prices.Of(("GBP/USD", "2024-03-01", 1.25m));
        var entries = new[]
        {
            Entry("main", 1, "2024-03-01", EntryKind.DerivativesSettlement, new Leg(Asset.Usd, 125m)),
            Entry("main", 2, "2024-03-01", EntryKind.DerivativesSettlement, new Leg(Asset.Usd, -50m)),
        };

        var r = CostBasisEngine.Run(entries, prices, Uk);

        r.Income.Should().BeEmpty();
        r.Disposals.Should().BeEmpty();
        r.Derivatives.Select(d => (d.Quantity, d.Value)).Should().Equal((125m, 100m), (-50m, -40m));
        r.Derivatives.Should().OnlyContain(d => d.ValueKnown && d.TaxYear.StartYear == 2023);
    }

    [Fact]
    public void A_small_balance_taken_for_nothing_is_a_disposal_for_nil_proceeds()
    {
        var entries = new List<LedgerEntry>(new LedgerBuilder().Buy("0.01 XRP", on: "2024-01-05", cost: "3 GBP").Build())
        {
            Entry("main", 9, "2024-02-01", EntryKind.WriteOff, new Leg(Asset.Parse("XRP"), -0.01m)),
        };

        var r = CostBasisEngine.Run(entries, PriceBook.Empty, Uk);

        r.Disposals.Single().Should().BeEquivalentTo(new { Kind = DisposalKind.NilProceeds, Proceeds = 0m, Cost = 3m, Gain = -3m });
        r.Holdings.Should().BeEmpty();
    }

    // ---- Method × jurisdiction ----

    [Theory]
    [InlineData("uk", CostBasisMethod.Fifo, PoolScope.Universal, "requires method uk")]
    [InlineData("uk", CostBasisMethod.Uk, PoolScope.PerAccount, "CRYPTO22200")]
    [InlineData("uk", CostBasisMethod.Uk, PoolScope.PerAccountFrom, "requires pool scope universal")]
    [InlineData("us", CostBasisMethod.Average, PoolScope.PerAccountFrom, "1.1012-1")]
    [InlineData("us", CostBasisMethod.Uk, PoolScope.PerAccountFrom, "refuses method uk")]
    public void Refused_pairs_name_the_rule(string j, CostBasisMethod method, PoolScope scope, string rule) =>
        JurisdictionRules.Check(Jurisdiction.Parse(j), method, scope, LedgerBuilder.Date("2025-01-01")).Refusal.Should().Contain(rule);

    [Theory]
    [InlineData(CostBasisMethod.Lifo)]
    [InlineData(CostBasisMethod.Hifo)]
    public void Us_lifo_and_hifo_are_allowed_with_a_note_on_standing_orders(CostBasisMethod method)
    {
        var check = JurisdictionRules.Check(Jurisdiction.Us, method, PoolScope.PerAccountFrom, LedgerBuilder.Date("2025-01-01"));
        check.Allowed.Should().BeTrue();
        check.Notes.Should().ContainSingle().Which.Should().Contain("standing order");
    }

    [Fact]
    public void Allowed_pairs_pass_quietly()
    {
        JurisdictionRules.Check(Jurisdiction.Uk, CostBasisMethod.Uk, PoolScope.Universal).Should().Match<RuleCheck>(c => c.Allowed && c.Notes.Count == 0);
        JurisdictionRules.Check(Jurisdiction.Us, CostBasisMethod.Fifo, PoolScope.PerAccountFrom, LedgerBuilder.Date("2025-01-01")).Notes.Should().BeEmpty();
        JurisdictionRules.Check(Jurisdiction.Generic, CostBasisMethod.Average, PoolScope.PerAccount).Allowed.Should().BeTrue();
    }

    private static LedgerEntry Entry(string account, long id, string on, EntryKind kind, params Leg[] legs) =>
        new(LedgerEntry.BitstampId(account, id), account, LedgerBuilder.Instant(on), kind, legs, null, id, null, $"{account}/user_transactions/{id}");
}

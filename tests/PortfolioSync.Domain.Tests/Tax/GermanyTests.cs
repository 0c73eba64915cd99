using NodaTime;
using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Pricing;
using PortfolioSync.Domain.Tax;
using PortfolioSync.Domain.Tax.Germany;
using PortfolioSync.Domain.Tests.Support;

namespace PortfolioSync.Domain.Tests.Tax;

/// <summary>§23 EStG one-year rule in Europe/Berlin dates, the §23 and §22 Nr. 3 Freigrenzen, worked by hand.</summary>
public sealed class GermanyTests
{
    private static CostBasisOptions De => CostBasisOptions.For(CostBasisMethod.Fifo, Jurisdiction.De);

    private static readonly TaxYear Y2024 = new(2024, TaxYearRule.Calendar);

    [Fact]
    public void The_jurisdiction_defaults_are_eur_berlin_calendar_years_and_fifo()
    {
        De.BaseCurrency.Should().Be(Asset.Eur);
        De.Zone.Id.Should().Be("Europe/Berlin");
        De.TaxYearRule.Should().Be(TaxYearRule.Calendar);
        Jurisdiction.De.DefaultMethod.Should().Be(CostBasisMethod.Fifo);
        JurisdictionRules.Check(Jurisdiction.De, CostBasisMethod.Hifo, PoolScope.Universal).Refusal.Should().Contain("§23 Abs. 1 Satz 1 Nr. 2 Satz 3 EStG");
        JurisdictionRules.Check(Jurisdiction.De, CostBasisMethod.Fifo, PoolScope.PerAccount).Refusal.Should().BeNull("FIFO per account is allowed in Germany");
    }

    [Fact]
    public void A_lot_bought_on_1_March_2023_is_taxable_when_sold_on_1_March_2024_and_exempt_on_2_March()
    {
        // Bought 2023-03-01 in Berlin. The year runs 2023-03-02 .. 2024-03-01 (§§ 187, 188 BGB): a sale on its last
        // day is within the year (taxable), a sale the day after is outside it (exempt).
        GermanPrivateDisposals.IsExempt(new LocalDate(2023, 3, 1), new LocalDate(2024, 3, 1)).Should().BeFalse();
        GermanPrivateDisposals.IsExempt(new LocalDate(2023, 3, 1), new LocalDate(2024, 3, 2)).Should().BeTrue();
    }

    [Fact]
    public void The_anniversary_is_counted_in_Berlin_dates_not_UTC()
    {
        // Bought 2023-02-28 23:30 UTC = 2023-03-01 00:30 in Berlin (CET, UTC+1): the Berlin date is 1 March.
        // Sold 2024-03-01 23:30 UTC = 2024-03-02 00:30 in Berlin: the Berlin date is 2 March, so the lot is exempt,
        // although both UTC dates (28 Feb -> 1 Mar) would make it look held less than a year.
        // A second lot bought 2023-03-01 12:00 and sold 2024-03-01 12:00 (same Berlin date) is taxable.
        var prices = Prices.Of(("BTC/EUR", "2023-02-28", 20000m), ("BTC/EUR", "2024-03-01", 60000m));
        var ledger = new LedgerBuilder()
            .Buy("1 BTC", on: "2023-02-28", at: "23:30", cost: "20000 EUR")
            .Buy("1 BTC", on: "2023-03-01", at: "12:00", cost: "21000 EUR")
            .Sell("1 BTC", on: "2024-03-01", at: "12:00", proceeds: "60000 EUR")   // FIFO: the 2023-03-01 00:30 lot
            .Build();
        var exemptCase = new LedgerBuilder()
            .Buy("1 BTC", on: "2023-02-28", at: "23:30", cost: "20000 EUR")
            .Sell("1 BTC", on: "2024-03-01", at: "23:30", proceeds: "60000 EUR")
            .Build();

        var taxable = GermanPrivateDisposals.Classify(CostBasisEngine.Run(ledger, prices, De), Y2024).Single();
        var exempt = GermanPrivateDisposals.Classify(CostBasisEngine.Run(exemptCase, prices, De), Y2024).Single();

        taxable.Acquired.Should().Be(new LocalDate(2023, 3, 1));
        taxable.Disposed.Should().Be(new LocalDate(2024, 3, 1));
        taxable.Taxable.Should().BeTrue();
        exempt.Acquired.Should().Be(new LocalDate(2023, 3, 1));
        exempt.Disposed.Should().Be(new LocalDate(2024, 3, 2));
        exempt.Taxable.Should().BeFalse();
    }

    [Fact]
    public void A_staking_reward_starts_its_own_one_year_period_at_receipt()
    {
        // 1 ETH bought 2022-01-10 (long held), 0.1 ETH staking reward 2023-12-01 (EUR 2,000/ETH -> value 200 EUR,
        // which is its cost). Sale of 1.1 ETH on 2024-06-01 at 3,000: FIFO takes the bought ETH (exempt, held > 1 year)
        // and the reward (held from 2023-12-01: taxable). Reward lot: proceeds 0.1 x 3000 = 300, cost 200, gain 100.
        var prices = Prices.Of(("ETH/EUR", "2022-01-10", 3000m), ("ETH/EUR", "2023-12-01", 2000m), ("ETH/EUR", "2024-06-01", 3000m));
        var ledger = new LedgerBuilder()
            .Buy("1 ETH", on: "2022-01-10", cost: "3000 EUR")
            .Income("0.1 ETH", on: "2023-12-01")
            .Sell("1.1 ETH", on: "2024-06-01", proceeds: "3300 EUR")
            .Build();

        var rows = GermanPrivateDisposals.Classify(CostBasisEngine.Run(ledger, prices, De), Y2024);

        rows.Should().HaveCount(2);
        rows[0].Taxable.Should().BeFalse();
        rows[0].Gain.Should().Be(0m);   // 1 x 3000 - 3000
        rows[1].Taxable.Should().BeTrue();
        rows[1].Acquired.Should().Be(new LocalDate(2023, 12, 1));
        rows[1].Gain.Should().Be(100m);
    }

    [Theory]
    // §23 Abs. 3 Satz 5 EStG: tax-free when the year's net gain is BELOW the Freigrenze; at or above, all of it.
    [InlineData(2023, 599.99, 0)]        // below EUR 600 -> 0
    [InlineData(2023, 600.00, 600.00)]   // at EUR 600 -> all of it
    [InlineData(2024, 999.99, 0)]        // below EUR 1,000 -> 0
    [InlineData(2024, 1000.00, 1000.00)] // at EUR 1,000 -> all of it
    [InlineData(2024, 600.00, 0)]        // EUR 600 is below the 2024 Freigrenze
    [InlineData(2024, -250.00, -250.00)] // a loss passes through (carried, not exempted)
    public void The_private_disposals_Freigrenze_is_600_up_to_2023_and_1000_from_2024(int year, double net, double expected)
    {
        GermanPrivateDisposals.AfterFreigrenze((decimal)net, GermanPrivateDisposals.Freigrenze(year)).Should().Be((decimal)expected);
    }

    [Fact]
    public void The_summary_splits_taxable_gains_losses_and_exempt_and_applies_both_Freigrenzen()
    {
        // 2024, all prices in EUR:
        //   A: 1 BTC bought 2022-05-01 for 20,000, sold 2024-04-01 for 50,000  -> exempt, gain 30,000
        //   B: 1 ETH bought 2024-01-15 for 2,000, sold 2024-05-01 for 2,999.99 -> taxable gain 999.99
        //   C: 1 SOL bought 2024-02-01 for 150, sold 2024-07-01 for 100         -> taxable loss 50
        //   staking income 2024: 2.56 SOL at 100 = 256.00                     -> at the EUR 256 Freigrenze: taxable
        // taxable net = 999.99 - 50 = 949.99 < 1,000 -> after the Freigrenze 0.
        var prices = Prices.Of(("SOL/EUR", "2024-03-01", 100m));
        var ledger = new LedgerBuilder()
            .Buy("1 BTC", on: "2022-05-01", cost: "20000 EUR")
            .Buy("1 ETH", on: "2024-01-15", cost: "2000 EUR")
            .Buy("1 SOL", on: "2024-02-01", cost: "150 EUR")
            .Income("2.56 SOL", on: "2024-03-01")
            .Sell("1 BTC", on: "2024-04-01", proceeds: "50000 EUR")
            .Sell("1 ETH", on: "2024-05-01", proceeds: "2999.99 EUR")
            .Sell("1 SOL", on: "2024-07-01", proceeds: "100 EUR")
            .Build();
        var result = CostBasisEngine.Run(ledger, prices, De);

        var y = GermanPrivateDisposals.Summarize(GermanPrivateDisposals.Classify(result, Y2024), result.Income, Y2024);

        y.TaxableGains.Should().Be(999.99m);
        y.TaxableLosses.Should().Be(50m);
        y.TaxableNet.Should().Be(949.99m);
        y.ExemptNet.Should().Be(30000m);
        y.Freigrenze.Should().Be(1000m);
        y.TaxableAfterFreigrenze.Should().Be(0m);
        y.OtherIncome.Should().Be(256m);
        y.OtherIncomeTaxable.Should().Be(256m, "the §22 Nr. 3 Freigrenze frees income BELOW EUR 256 only");
        GermanPrivateDisposals.AfterFreigrenze(255.99m, GermanPrivateDisposals.OtherIncomeFreigrenze).Should().Be(0m);
    }
}

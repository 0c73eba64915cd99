using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Tax;
using PortfolioSync.Domain.Tax.France;
using PortfolioSync.Domain.Tests.Support;

namespace PortfolioSync.Domain.Tests.Tax;

/// <summary>The portfolio method of art. 150 VH bis CGI, line by line as form 2086, worked by hand.</summary>
public sealed class FranceTests
{
    private static CostBasisOptions Fr => CostBasisOptions.For(CostBasisMethod.Fifo, Jurisdiction.Fr);

    private static readonly TaxYear Y2024 = new(2024, TaxYearRule.Calendar);

    private static readonly Domain.Pricing.PriceBook Book = Prices.Of(
        ("BTC/EUR", "2024-06-01", 60000m), ("ETH/EUR", "2024-06-01", 3000m),
        ("BTC/EUR", "2024-07-01", 60000m), ("ETH/EUR", "2024-07-01", 3000m),
        ("BTC/EUR", "2024-09-01", 50000m), ("ETH/EUR", "2024-09-01", 2500m));

    private static LedgerBuilder WorkedCase() => new LedgerBuilder()
        .Buy("1 BTC", on: "2024-01-10", cost: "30000 EUR")
        .Buy("10 ETH", on: "2024-02-10", cost: "20000 EUR")
        .Sell("0.5 BTC", on: "2024-06-01", proceeds: "30000 EUR");

    [Fact]
    public void The_issues_worked_case_gives_V_90000_gain_13333_33_and_PTA_after_33333_33()
    {
        // PTA = 30,000 + 20,000 = 50,000.
        // V (2024-06-01) = 1 BTC x 60,000 + 10 ETH x 3,000 = 90,000.  C = 30,000, no fee.
        // fraction = PTA x C / V = 50,000 x 30,000 / 90,000 = 16,666.666...
        // gain = 30,000 - 16,666.666... = 13,333.333... ; PTA after = 50,000 - 16,666.666... = 33,333.333...
        var r = FrenchPortfolio.Run(WorkedCase().Build(), Book, Fr);

        var d = r.Disposals.Single();
        d.PortfolioValue.Should().Be(90000m);
        d.Price.Should().Be(30000m);
        d.Fees.Should().Be(0m);
        d.AcquisitionBefore.Should().Be(50000m);
        Math.Round(d.AcquisitionUsed!.Value, 2).Should().Be(16666.67m);
        Math.Round(d.Gain!.Value, 2).Should().Be(13333.33m);
        Math.Round(d.AcquisitionAfter!.Value, 2).Should().Be(33333.33m);
        r.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void A_following_swap_changes_nothing_taxable_and_leaves_PTA_for_the_next_sale()
    {
        // After the worked case: 0.5 BTC + 10 ETH, PTA 33,333.33...
        // 2024-07-01 swap 0.5 BTC -> 10 ETH: no form 2086 row, PTA unchanged. Now 0 BTC + 20 ETH.
        // 2024-09-01 sell 4 ETH for 10,000 EUR with a 20 EUR fee, ETH at 2,500:
        //   V = 20 x 2,500 = 50,000; C = 10,000 (before fees, line 217); fees 20
        //   fraction = 33,333.333... x 10,000 / 50,000 = 6,666.666...
        //   gain = (10,000 - 20) - 6,666.666... = 3,313.333...; PTA after = 26,666.666...
        var ledger = WorkedCase()
            .Swap("0.5 BTC", "10 ETH", on: "2024-07-01")
            .Sell("4 ETH", on: "2024-09-01", proceeds: "10000 EUR", fee: "20 EUR")
            .Build();

        var r = FrenchPortfolio.Run(ledger, Book, Fr);

        r.Disposals.Should().HaveCount(2, "the swap is not a taxable disposal");
        var second = r.Disposals[1];
        Math.Round(second.AcquisitionBefore!.Value, 2).Should().Be(33333.33m, "the swap left PTA as it was");
        second.PortfolioValue.Should().Be(50000m);
        second.Price.Should().Be(10000m);
        second.Fees.Should().Be(20m);
        Math.Round(second.AcquisitionUsed!.Value, 2).Should().Be(6666.67m, "the fraction uses C before fees");
        Math.Round(second.Gain!.Value, 2).Should().Be(3313.33m);
        Math.Round(second.AcquisitionAfter!.Value, 2).Should().Be(26666.67m);

        var year = FrenchPortfolio.Summarize(r.Disposals, Y2024);
        year.TotalPrices.Should().Be(40000m);
        year.Exempt.Should().BeFalse();
        Math.Round(year.Taxable!.Value, 2).Should().Be(16646.67m);   // 13,333.33... + 3,313.33... = 16,646.666...
    }

    [Fact]
    public void A_year_whose_disposal_prices_total_305_euros_or_less_is_exempt()
    {
        // Buy 1 ETH for 3,000; sell 0.1 ETH for 305 at ETH 3,050: V = 3,050, fraction = 3,000 x 305 / 3,050 = 300,
        // gain 5. Total prices 305 <= 305 -> exempt, taxable 0. One more euro (306) would not be exempt.
        var prices = Prices.Of(("ETH/EUR", "2024-03-01", 3050m), ("ETH/EUR", "2024-03-02", 3060m));
        var exempt = FrenchPortfolio.Run(new LedgerBuilder()
            .Buy("1 ETH", on: "2024-01-10", cost: "3000 EUR")
            .Sell("0.1 ETH", on: "2024-03-01", proceeds: "305 EUR").Build(), prices, Fr);
        var taxed = FrenchPortfolio.Run(new LedgerBuilder()
            .Buy("1 ETH", on: "2024-01-10", cost: "3000 EUR")
            .Sell("0.1 ETH", on: "2024-03-02", proceeds: "306 EUR").Build(), prices, Fr);

        exempt.Disposals.Single().Gain.Should().Be(5m);
        var y = FrenchPortfolio.Summarize(exempt.Disposals, Y2024);
        y.Exempt.Should().BeTrue();
        y.Taxable.Should().Be(0m);
        FrenchPortfolio.Summarize(taxed.Disposals, Y2024).Exempt.Should().BeFalse();
    }

    [Fact]
    public void A_missing_price_leaves_the_figures_empty_with_a_warning_never_zero()
    {
        var ledger = new LedgerBuilder()
            .Buy("1 BTC", on: "2024-01-10", cost: "30000 EUR")
            .Sell("0.5 BTC", on: "2024-05-05", proceeds: "30000 EUR").Build();

        var r = FrenchPortfolio.Run(ledger, Domain.Pricing.PriceBook.Empty, Fr);

        r.Disposals.Single().PortfolioValue.Should().BeNull();
        r.Disposals.Single().Gain.Should().BeNull();
        r.Warnings.Should().ContainSingle(w => w.Code == Domain.Warnings.WarningCode.MissingPrice);
    }

    [Fact]
    public void Only_fr_portfolio_and_one_universal_portfolio_are_allowed_in_France()
    {
        Jurisdiction.Fr.DefaultMethod.Should().Be(CostBasisMethod.FrPortfolio);
        JurisdictionRules.Check(Jurisdiction.Fr, CostBasisMethod.Fifo, PoolScope.Universal).Refusal.Should().Contain("art. 150 VH bis");
        JurisdictionRules.Check(Jurisdiction.Fr, CostBasisMethod.FrPortfolio, PoolScope.PerAccount).Refusal.Should().Contain("art. 150 VH bis");
        JurisdictionRules.Check(Jurisdiction.De, CostBasisMethod.FrPortfolio, PoolScope.Universal).Refusal.Should().Contain("jurisdiction\": \"fr");
    }
}

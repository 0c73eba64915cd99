using NodaTime;
using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Tax;
using PortfolioSync.Domain.Tax.Netherlands;
using PortfolioSync.Domain.Tests.Support;

namespace PortfolioSync.Domain.Tests.Tax;

/// <summary>Dutch Box 3 reference moments and Spain's refusal of per-account pools, worked by hand.</summary>
public sealed class NetherlandsAndSpainTests
{
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    [Fact]
    public void Box3_values_holdings_at_1_January_00_00_Amsterdam_time_with_the_close_of_31_December()
    {
        // 2023-12-31 22:30 UTC = 23:30 Amsterdam: bought 1 BTC, before the moment -> counted at 1 Jan 2024.
        // 2023-12-31 23:30 UTC = 2024-01-01 00:30 Amsterdam: bought 2 ETH, after the moment -> not counted.
        // EUR: 40,000 deposited, 30,000 paid for the BTC -> 10,000 at the moment (the 4,000 for ETH is paid after it).
        // At 1 Jan 2024 00:00: 1 BTC x 38,000 (close of 2023-12-31) = 38,000 and 10,000 EUR -> total 48,000.
        var prices = Prices.Of(("BTC/EUR", "2023-12-31", 38000m), ("ETH/EUR", "2023-12-31", 2100m));
        var ledger = new LedgerBuilder()
            .Deposit("40000 EUR", on: "2023-12-01")
            .Buy("1 BTC", on: "2023-12-31", at: "22:30", cost: "30000 EUR")
            .Buy("2 ETH", on: "2023-12-31", at: "23:30", cost: "4000 EUR")
            .Build();

        var (rows, warnings) = Box3.HoldingsAt(2024, ledger, prices, Asset.Eur, Amsterdam);

        var totals = rows.Where(r => r.Account == Box3.TotalAccount).ToList();
        totals.Select(r => r.Asset.Code).Should().Equal("BTC", "EUR");
        totals.Single(r => r.Asset.Code == "BTC").Value.Should().Be(38000m);
        totals.Single(r => r.Asset.Code == "EUR").Value.Should().Be(10000m);
        rows.Should().OnlyContain(r => r.ReferenceDate == new LocalDate(2024, 1, 1));
        warnings.Should().BeEmpty();
    }

    [Fact]
    public void Box3_actual_return_is_end_minus_start_minus_net_inflows_beside_the_deemed_return()
    {
        // 2024: start (1 Jan 2024) 1 BTC x 40,000 = 40,000. Deposit 0.5 BTC on 2024-06-01 at 60,000 = 30,000 inflow.
        // Staking 0.01 BTC on 2024-09-01 at 50,000 = 500 income. End (1 Jan 2025) 1.51 BTC x 90,000 = 135,900.
        // actual = 135,900 - 40,000 - 30,000 = 65,900; deemed = 40,000 x 6.04 % = 2,416.
        var prices = Prices.Of(("BTC/EUR", "2023-12-31", 40000m), ("BTC/EUR", "2024-06-01", 60000m),
            ("BTC/EUR", "2024-09-01", 50000m), ("BTC/EUR", "2024-12-31", 90000m));
        var ledger = new LedgerBuilder()
            .Deposit("1 BTC", on: "2023-05-01")
            .Deposit("0.5 BTC", on: "2024-06-01")
            .Income("0.01 BTC", on: "2024-09-01")
            .Build();
        var options = CostBasisOptions.For(CostBasisMethod.Fifo, Jurisdiction.Nl);
        var result = CostBasisEngine.Run(ledger, prices, options);
        var year = new TaxYear(2024, TaxYearRule.Calendar);

        var start = Box3.HoldingsAt(2024, ledger, prices, Asset.Eur, Amsterdam).Rows;
        var end = Box3.HoldingsAt(2025, ledger, prices, Asset.Eur, Amsterdam).Rows;
        var (y, _) = Box3.Summarize(year, start, end, result.Income, ledger, prices, Asset.Eur, Amsterdam);

        y.ValueAtStart.Should().Be(40000m);
        y.ValueAtEnd.Should().Be(135900m);
        y.NetInflows.Should().Be(30000m);
        y.Income.Should().Be(500m);
        y.ActualReturn.Should().Be(65900m);
        y.DeemedRate.Should().Be(0.0604m);
        y.DeemedReturn.Should().Be(2416m);
    }

    [Fact]
    public void Spain_refuses_per_account_pools_naming_the_rule_and_keeps_fifo_universal()
    {
        JurisdictionRules.Check(Jurisdiction.Es, CostBasisMethod.Fifo, PoolScope.PerAccount).Refusal.Should().Contain("DGT V1550-25");
        JurisdictionRules.Check(Jurisdiction.Es, CostBasisMethod.Fifo, PoolScope.Universal).Refusal.Should().BeNull();
        JurisdictionRules.Check(Jurisdiction.Es, CostBasisMethod.Average, PoolScope.Universal).Refusal.Should().Contain("FIFO");
        Jurisdiction.Es.DefaultMethod.Should().Be(CostBasisMethod.Fifo);
        CostBasisOptions.For(CostBasisMethod.Fifo, Jurisdiction.Es).Zone.Id.Should().Be("Europe/Madrid");
        CostBasisOptions.For(CostBasisMethod.Fifo, Jurisdiction.Nl).BaseCurrency.Should().Be(Asset.Eur);
    }

    [Fact]
    public void A_spanish_crypto_to_crypto_swap_is_a_disposal()
    {
        // 1 BTC bought for 30,000; swapped for 20 ETH when ETH is 2,000: proceeds 40,000, gain 10,000.
        var prices = Prices.Of(("ETH/EUR", "2024-04-01", 2000m), ("BTC/EUR", "2024-04-01", 40000m));
        var ledger = new LedgerBuilder()
            .Buy("1 BTC", on: "2024-01-10", cost: "30000 EUR")
            .Swap("1 BTC", "20 ETH", on: "2024-04-01")
            .Build();

        var d = CostBasisEngine.Run(ledger, prices, CostBasisOptions.For(CostBasisMethod.Fifo, Jurisdiction.Es)).Disposals.Single();

        d.Kind.Should().Be(DisposalKind.Exchange);
        d.Gain.Should().Be(10000m);
    }
}

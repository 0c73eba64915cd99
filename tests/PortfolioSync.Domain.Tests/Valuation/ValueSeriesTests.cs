using NodaTime;
using PortfolioSync.Domain.Tests.Support;
using PortfolioSync.Domain.Valuation;
using PortfolioSync.Domain.Warnings;

namespace PortfolioSync.Domain.Tests.Valuation;

public sealed class ValueSeriesTests
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    // Feb 28: deposit 50000 USD. Mar 1 12:00 UTC: buy 1 BTC for 40000 USD. Mar 3 02:00 UTC (= Mar 2 21:00 in New
    // York): deposit 0.5 BTC. Mar 3: stake (lock) 0.5 BTC, still held. Mar 1: 2 ETH arrive, and ETH has no price.
    private static LedgerBuilder Ledger() => new LedgerBuilder()
        .Deposit("50000 USD", on: "2024-02-28")
        .Buy("1 BTC", on: "2024-03-01", cost: "40000 USD")
        .Deposit("2 ETH", on: "2024-03-01", account: "bot")
        .Deposit("0.5 BTC", on: "2024-03-03", at: "02:00")
        .Lock("0.5 BTC", on: "2024-03-03", at: "15:00");

    // BTC/USD closes: Mar 1 60000, Mar 2 62000, none on Mar 3, Mar 4 64000.
    private static readonly Domain.Pricing.PriceBook Book = Prices.Of(
        ("BTC/USD", "2024-03-01", 60000m), ("BTC/USD", "2024-03-02", 62000m), ("BTC/USD", "2024-03-04", 64000m));

    private static ValueSeriesResult Compute(string? account = null) => ValueSeries.Compute(Ledger().Build(), Book,
        new ValueSeriesOptions(LedgerBuilder.Date("2024-03-01"), LedgerBuilder.Date("2024-03-04"), Asset.Usd, NewYork, account));

    [Fact]
    public void Each_day_values_the_end_of_day_balance_at_that_days_close()
    {
        var r = Compute();

        // Mar 1: 1 BTC × 60000 + 10000 USD = 70000
        // Mar 2: 1.5 BTC × 62000 + 10000 = 103000 (the deposit at 02:00 UTC on Mar 3 is Mar 2 in New York)
        // Mar 3: 1.5 BTC × 62000 (gap-filled from Mar 2; the lock changes nothing) + 10000 = 103000
        // Mar 4: 1.5 × 64000 + 10000 = 106000
        r.Totals.Select(t => t.Value).Should().Equal(70000m, 103000m, 103000m, 106000m);
        r.Points.Where(p => p.Asset == Asset.Btc).Select(p => (p.Quantity, p.Price, p.Value, p.GapFilled)).Should().Equal(
            (1m, 60000m, 60000m, false), (1.5m, 62000m, 93000m, false), (1.5m, 62000m, 93000m, true), (1.5m, 64000m, 96000m, false));
    }

    [Fact]
    public void A_holding_without_a_price_has_no_value_and_is_counted_as_unpriced_never_as_zero()
    {
        var r = Compute();

        var eth = r.Points.Where(p => p.Asset == Asset.Parse("ETH")).ToList();
        eth.Should().HaveCount(4).And.OnlyContain(p => p.Value == null && p.Price == null && p.Quantity == 2m && p.Account == "bot");
        r.Totals.Should().OnlyContain(t => t.Unpriced == 1 && !t.IsComplete);
    }

    [Fact]
    public void Gaps_and_missing_prices_are_one_warning_per_pair_and_run_of_days()
    {
        var r = Compute();

        r.Warnings.Should().HaveCount(2);
        r.Warnings[0].Code.Should().Be(WarningCode.MissingPrice);
        r.Warnings[0].Message.Should().Contain("ETH->USD price for 2024-03-01..2024-03-04 (4 days)");
        r.Warnings[1].Code.Should().Be(WarningCode.PriceGapFilled);
        r.Warnings[1].Message.Should().Contain("BTC->USD candle for 2024-03-03").And.Contain("gap-filled from 2024-03-02");
    }

    [Fact]
    public void Rows_are_ordered_by_date_account_and_asset_and_can_be_limited_to_one_account()
    {
        var all = Compute();
        var main = Compute("main");

        all.Points.Take(3).Select(p => (p.Account, p.Asset.Code)).Should().Equal(("bot", "ETH"), ("main", "BTC"), ("main", "USD"));
        main.Points.Should().OnlyContain(p => p.Account == "main");
        main.Totals[0].Value.Should().Be(70000m);
        main.Warnings.Should().ContainSingle(w => w.Code == WarningCode.PriceGapFilled);
    }
}

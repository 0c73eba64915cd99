using NodaTime;
using PortfolioSync.Domain.Pricing;

namespace PortfolioSync.Domain.Tests.Pricing;

public sealed class PriceBookTests
{
    private static readonly Asset Btc = Asset.Btc, Usd = Asset.Usd, Gbp = Asset.Gbp, Eur = Asset.Eur;

    private static DailyPrice Candle(Asset b, Asset q, string date, decimal close) =>
        new(b, q, Date(date), close, close, close, close);

    private static LocalDate Date(string iso) => NodaTime.Text.LocalDatePattern.Iso.Parse(iso).Value;

    [Fact]
    public void A_direct_market_gives_its_close()
    {
        var book = new PriceBook([Candle(Btc, Usd, "2024-03-01", 61000m)]);

        var c = book.Convert(Btc, Usd, Date("2024-03-01"));

        c.Status.Should().Be(ConversionStatus.Exact);
        c.Rate.Should().Be(61000m);
        c.FirstPair.Should().Be(new CurrencyPair(Btc, Usd));
        c.SecondPair.Should().BeNull();
        c.PriceDate.Should().Be(Date("2024-03-01"));
    }

    [Fact]
    public void The_inverse_market_divides_by_its_close()
    {
        // gbpusd = 1.25: 100 USD = 100 / 1.25 = 80 GBP
        var book = new PriceBook([Candle(Gbp, Usd, "2024-03-01", 1.25m)]);

        var c = book.Convert(Usd, Gbp, Date("2024-03-01"));

        c.Status.Should().Be(ConversionStatus.Exact);
        c.FirstInverted.Should().BeTrue();
        c.Apply(100m).Should().Be(80m);
    }

    [Fact]
    public void One_hop_goes_through_bitstamps_own_fiat_market()
    {
        // BTC→USD 62500, then USD→GBP by dividing by gbpusd 1.25: 1 BTC = 62500 / 1.25 = 50000 GBP
        var book = new PriceBook([Candle(Btc, Usd, "2024-03-01", 62500m), Candle(Gbp, Usd, "2024-03-01", 1.25m)]);

        var c = book.Convert(Btc, Gbp, Date("2024-03-01"));

        c.Status.Should().Be(ConversionStatus.Exact);
        c.Apply(2m).Should().Be(100000m);
        c.FirstPair.Should().Be(new CurrencyPair(Btc, Usd));
        c.SecondPair.Should().Be(new CurrencyPair(Gbp, Usd));
        c.SecondInverted.Should().BeTrue();
        c.Describe().Should().Be("BTC->GBP 2024-03-01: BTC/USD close 62500 then GBP/USD (inverse) close 1.25");
    }

    [Fact]
    public void A_direct_market_is_preferred_over_a_hop()
    {
        var book = new PriceBook([
            Candle(Btc, Usd, "2024-03-01", 62500m), Candle(Gbp, Usd, "2024-03-01", 1.25m), Candle(Btc, Gbp, "2024-03-01", 49000m)]);

        book.Convert(Btc, Gbp, Date("2024-03-01")).Rate.Should().Be(49000m);
    }

    [Fact]
    public void A_day_without_a_candle_carries_the_last_close_forward_and_says_so()
    {
        var book = new PriceBook([Candle(Btc, Usd, "2024-03-01", 61000m), Candle(Btc, Usd, "2024-03-04", 63000m)]);

        var c = book.Convert(Btc, Usd, Date("2024-03-03"));

        c.Status.Should().Be(ConversionStatus.GapFilled);
        c.Rate.Should().Be(61000m);
        c.PriceDate.Should().Be(Date("2024-03-01"));
        c.Describe().Should().Contain("gap-filled from 2024-03-01");
        book.Convert(Btc, Usd, Date("2024-03-04")).Status.Should().Be(ConversionStatus.Exact);
        book.Convert(Btc, Usd, Date("2024-04-01")).PriceDate.Should().Be(Date("2024-03-04"));
    }

    [Fact]
    public void An_exact_hop_beats_a_gap_filled_direct_market()
    {
        var book = new PriceBook([
            Candle(Btc, Gbp, "2024-03-01", 49000m),
            Candle(Btc, Usd, "2024-03-02", 62500m), Candle(Gbp, Usd, "2024-03-02", 1.25m)]);

        var c = book.Convert(Btc, Gbp, Date("2024-03-02"));

        c.Status.Should().Be(ConversionStatus.Exact);
        c.Rate.Should().Be(50000m);
    }

    [Fact]
    public void Before_the_first_candle_the_price_is_missing_and_has_no_rate()
    {
        var book = new PriceBook([Candle(Btc, Usd, "2024-03-01", 61000m)]);

        var c = book.Convert(Btc, Usd, Date("2024-02-29"));

        c.Status.Should().Be(ConversionStatus.Missing);
        c.IsFound.Should().BeFalse();
        c.FirstPair.Should().Be(new CurrencyPair(Btc, Usd));
        var act = () => c.Apply(1m);
        act.Should().Throw<InvalidOperationException>().WithMessage("*BTC->USD 2024-02-29*");
    }

    [Fact]
    public void An_unknown_asset_is_missing_and_the_same_asset_is_identity()
    {
        var book = new PriceBook([Candle(Btc, Usd, "2024-03-01", 61000m)]);

        book.Convert(Asset.Parse("XRP"), Usd, Date("2024-03-01")).IsFound.Should().BeFalse();
        book.Convert(Eur, Eur, Date("2024-03-01")).Status.Should().Be(ConversionStatus.Identity);
        PriceBook.Empty.Convert(Gbp, Gbp, Date("2024-03-01")).Apply(12.34m).Should().Be(12.34m);
    }

    [Fact]
    public void An_instant_uses_the_candle_of_its_utc_date()
    {
        var book = new PriceBook([Candle(Btc, Usd, "2024-06-30", 60000m), Candle(Btc, Usd, "2024-07-01", 62000m)]);

        // 23:30 UTC on 30 June is already 1 July in London, but the candle is UTC's.
        var at = Instant.FromUtc(2024, 6, 30, 23, 30);

        book.Convert(Btc, Usd, at).Rate.Should().Be(60000m);
        book.Convert(Btc, Usd, Instant.FromUtc(1969, 12, 31, 12, 0)).Date.Should().Be(Date("1969-12-31"));
    }

    [Fact]
    public void Conflicting_candles_and_non_positive_closes_are_refused()
    {
        var twice = () => new PriceBook([Candle(Btc, Usd, "2024-03-01", 1m), Candle(Btc, Usd, "2024-03-01", 2m)]);
        var zero = () => new PriceBook([Candle(Btc, Usd, "2024-03-01", 0m)]);

        twice.Should().Throw<ArgumentException>().WithMessage("*two different BTC/USD candles for 2024-03-01*");
        zero.Should().Throw<ArgumentException>().WithMessage("*close must be positive*");
    }

    [Fact]
    public void The_market_name_is_bitstamps()
    {
        new CurrencyPair(Gbp, Usd).MarketName.Should().Be("gbpusd");
    }
}

using NodaTime;

namespace PortfolioSync.Domain.Pricing;

/// <summary>
/// One daily OHLC candle of a Bitstamp market: 1 <see cref="Base"/> cost <see cref="Close"/> <see cref="Quote"/>
/// at the end of <see cref="Date"/>. <see cref="Date"/> is the UTC date of the candle (Bitstamp's daily candles run
/// 00:00–24:00 UTC). Prices are positive; <see cref="PriceBook"/> refuses anything else.
/// </summary>
public readonly record struct DailyPrice(
    Asset Base,
    Asset Quote,
    LocalDate Date,
    decimal Open,
    decimal High,
    decimal Low,
    decimal Close)
{
    public CurrencyPair Pair => new(Base, Quote);
}

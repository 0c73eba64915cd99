using NodaTime;

namespace PortfolioSync.Bitstamp.Records;

/// <summary>One candle of public <c>ohlc/{pair}/</c>; prices in the counter currency per 1 base.</summary>
/// <param name="At">The candle's start (unix seconds in JSON).</param>
public sealed record OhlcCandle(Instant At, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume);

namespace PortfolioSync.FakeBitstamp.Data;

/// <summary>One daily candle. <paramref name="Timestamp"/> is the start of the UTC day in unix seconds.</summary>
public readonly record struct OhlcCandle(long Timestamp, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume);

namespace PortfolioSync.Bitstamp.Records;

/// <summary>The public <c>ohlc/{pair}/</c> answer: the pair as Bitstamp names it (<c>BTC/USD</c>) and its candles.</summary>
public sealed record OhlcSeries(string UrlSymbol, string? Pair, IReadOnlyList<RawRecord<OhlcCandle>> Candles);

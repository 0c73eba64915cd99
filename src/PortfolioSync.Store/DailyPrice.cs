using NodaTime;
using PortfolioSync.Domain.Pricing;

namespace PortfolioSync.Store;

/// <summary>A daily OHLC price of a market (lower-case Bitstamp symbol, e.g. <c>btcusd</c>) on a UTC date.</summary>
/// <param name="Market">The market's base and quote assets as the exchange's markets list names them (stored with the
/// candle since schema 5, so no code splits a symbol). Null only on a candle stored before schema 5 whose backfill
/// could not tell them apart: the next sync fills it in, and until then the reports leave it out with a warning.</param>
/// <param name="Source">Where it came from (e.g. <c>bitstamp-ohlc</c>).</param>
public sealed record DailyPrice(string Pair, CurrencyPair? Market, LocalDate Date, decimal Open, decimal High, decimal Low, decimal Close, string Source)
{
    public string Pair { get; } = IsPair(Pair) ? Pair
        : throw new ArgumentException($"'{Pair}' is not a pair (1-32 lower-case letters or digits)", nameof(Pair));

    internal static bool IsPair(string? pair) =>
        !string.IsNullOrEmpty(pair) && pair.Length <= 32 && pair.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));
}

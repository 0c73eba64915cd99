using NodaTime;

namespace PortfolioSync.Store;

/// <summary>A daily OHLC price of a pair (lower-case Bitstamp pair, e.g. <c>btcusd</c>) on a UTC date.</summary>
/// <param name="Source">Where it came from (e.g. <c>bitstamp-ohlc</c>).</param>
public sealed record DailyPrice(string Pair, LocalDate Date, decimal Open, decimal High, decimal Low, decimal Close, string Source)
{
    public string Pair { get; } = IsPair(Pair) ? Pair
        : throw new ArgumentException($"'{Pair}' is not a pair (1-32 lower-case letters or digits)", nameof(Pair));

    internal static bool IsPair(string? pair) =>
        !string.IsNullOrEmpty(pair) && pair.Length <= 32 && pair.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));
}

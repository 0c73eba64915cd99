using NodaTime;

namespace PortfolioSync.Domain.Pricing;

/// <summary>
/// The closes of one market, dense by day from its first candle to its last: day i holds the close of the last
/// candle on or before that day, and the day that candle is from. Immutable.
/// </summary>
internal sealed class PriceSeries
{
    private readonly int _firstDay;
    private readonly decimal[] _close;
    private readonly int[] _sourceDay;

    public PriceSeries(CurrencyPair pair, IReadOnlyList<DailyPrice> candles)
    {
        Pair = pair;
        var sorted = candles.OrderBy(c => c.Date).ToList();
        _firstDay = DayNumber(sorted[0].Date);
        var lastDay = DayNumber(sorted[^1].Date);
        _close = new decimal[lastDay - _firstDay + 1];
        _sourceDay = new int[_close.Length];
        var next = 0;
        for (var i = 0; i < _close.Length; i++)
        {
            var day = _firstDay + i;
            if (next < sorted.Count && DayNumber(sorted[next].Date) == day)
            {
                var candle = sorted[next++];
                if (next < sorted.Count && sorted[next].Date == candle.Date && sorted[next].Close != candle.Close)
                    throw new ArgumentException(
                        $"two different {pair} candles for {candle.Date:uuuu-MM-dd}: closes {DecimalText.Format(candle.Close)} and {DecimalText.Format(sorted[next].Close)}",
                        nameof(candles));
                while (next < sorted.Count && sorted[next].Date == candle.Date) next++;
                _close[i] = candle.Close;
                _sourceDay[i] = day;
            }
            else
            {
                _close[i] = _close[i - 1];
                _sourceDay[i] = _sourceDay[i - 1];
            }
        }
    }

    public CurrencyPair Pair { get; }

    public LocalDate FirstDate => FromDayNumber(_firstDay);

    public LocalDate LastDate => FromDayNumber(_firstDay + _close.Length - 1);

    /// <summary>The close for <paramref name="day"/>, or false when the series starts later.</summary>
    public bool TryGet(int day, out decimal close, out int sourceDay)
    {
        var i = day - _firstDay;
        if (i < 0)
        {
            close = 0m;
            sourceDay = 0;
            return false;
        }
        if (i >= _close.Length) i = _close.Length - 1;
        close = _close[i];
        sourceDay = _sourceDay[i];
        return true;
    }

    /// <summary>Days since 0001-01-01 (<see cref="DateOnly.DayNumber"/>).</summary>
    public static int DayNumber(LocalDate date) => date.ToDateOnly().DayNumber;

    public static LocalDate FromDayNumber(int day) => LocalDate.FromDateOnly(DateOnly.FromDayNumber(day));

    /// <summary>The UTC date of <paramref name="instant"/> as a day number, without allocating.</summary>
    public static int UtcDayNumber(Instant instant)
    {
        const long ticksPerDay = NodaConstants.TicksPerDay;
        var ticks = instant.ToUnixTimeTicks();
        var days = ticks >= 0 ? ticks / ticksPerDay : (ticks - ticksPerDay + 1) / ticksPerDay;
        return (int)days + UnixEpochDayNumber;
    }

    private static readonly int UnixEpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;
}

namespace PortfolioSync.FakeBitstamp.Data;

/// <summary>Daily candles of one market, ordered by timestamp, one per UTC day at most (days may be missing).</summary>
public sealed class OhlcSeries
{
    public const long Day = 86_400;

    private readonly OhlcCandle[] candles;

    /// <exception cref="ArgumentException">Candles not on day boundaries, not strictly increasing, or low/high not bracketing open/close.</exception>
    public OhlcSeries(MarketPair market, IEnumerable<OhlcCandle> candles)
    {
        Market = market ?? throw new ArgumentNullException(nameof(market));
        this.candles = candles.ToArray();
        for (var i = 0; i < this.candles.Length; i++)
        {
            if (Problem(this.candles, i) is { } problem)
                throw new ArgumentException($"{market.Symbol} candle {i}: {problem}", nameof(candles));
        }
    }

    public MarketPair Market { get; }

    public IReadOnlyList<OhlcCandle> Candles => candles;

    /// <summary>The candle of the UTC day that contains <paramref name="unixSeconds"/>, if the series has it.</summary>
    public OhlcCandle? DayOf(long unixSeconds)
    {
        var start = unixSeconds - (((unixSeconds % Day) + Day) % Day);
        var i = IndexAtOrAfter(start);
        return i < candles.Length && candles[i].Timestamp == start ? candles[i] : null;
    }

    /// <summary>Index of the first candle whose timestamp is at least <paramref name="unixSeconds"/>.</summary>
    internal int IndexAtOrAfter(long unixSeconds)
    {
        int lo = 0, hi = candles.Length;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (candles[mid].Timestamp < unixSeconds) lo = mid + 1;
            else hi = mid;
        }

        return lo;
    }

    /// <summary>What is wrong with candle <paramref name="i"/> (checked against the one before it), or null.</summary>
    internal static string? Problem(IReadOnlyList<OhlcCandle> candles, int i)
    {
        var c = candles[i];
        if (c.Timestamp % Day != 0) return "timestamp is not the start of a UTC day (a multiple of 86400)";
        if (i > 0 && c.Timestamp <= candles[i - 1].Timestamp) return "timestamp is not after the previous candle's";
        if (c.Low > Math.Min(c.Open, c.Close) || c.High < Math.Max(c.Open, c.Close) || c.Low <= 0)
            return "low and high must bracket open and close, and low must be positive";
        if (c.Volume < 0) return "volume must not be negative";
        return null;
    }
}

using PortfolioSync.FakeBitstamp.Catalog;
using PortfolioSync.FakeBitstamp.Data;

namespace PortfolioSync.FakeBitstamp.Generation;

/// <summary>
/// Daily candles of every generated market from a seeded, mean-reverting random walk per asset in USD around a
/// slow four-year cycle (BTC between about 25k and 90k USD). EUR and GBP markets are the USD candles divided by that
/// day's <c>eurusd</c> / <c>gbpusd</c> close; <c>ethbtc</c> is ETH/USD over BTC/USD. Decimal arithmetic only, so the
/// numbers are the same on every machine.
/// </summary>
internal sealed class PriceModel
{
    private const int CycleDays = 1460;

    private static readonly AssetWalk[] Assets =
    [
        new AssetWalk("btc", 25_000m, 90_000m, 0.025m, 20_000m, 100_000m, 400m, 4_000m),
        new AssetWalk("eth", 1_500m, 3_600m, 0.030m, 900m, 4_800m, 4_000m, 40_000m),
        new AssetWalk("sol", 20m, 200m, 0.045m, 8m, 260m, 20_000m, 300_000m),
        new AssetWalk("xrp", 0.40m, 2.50m, 0.040m, 0.25m, 3.40m, 2_000_000m, 20_000_000m),
        new AssetWalk("eur", 1.06m, 1.11m, 0.004m, 0.98m, 1.20m, 2_000_000m, 9_000_000m),
        new AssetWalk("gbp", 1.24m, 1.30m, 0.005m, 1.15m, 1.40m, 1_000_000m, 5_000_000m),
        new AssetWalk("flr", 0.012m, 0.035m, 0.050m, 0.006m, 0.060m, 10_000_000m, 200_000_000m),
    ];

    /// <summary>Every market the generator trades or quotes, in the order it derives them.</summary>
    public static readonly string[] Symbols =
        ["eurusd", "gbpusd", "btcusd", "ethusd", "solusd", "xrpusd", "btceur", "etheur", "btcgbp", "ethbtc", "flrusd"];

    private readonly Dictionary<string, OhlcCandle[]> candles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MarketInfo> infos = new(StringComparer.Ordinal);
    private readonly long firstDay;

    public PriceModel(int seed, DateOnly start, int days)
    {
        var rng = new Random(unchecked((seed * 31) + 7));
        firstDay = BitstampDateTime.ToUnixSeconds(start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var usd = new Dictionary<string, OhlcCandle[]>(StringComparer.Ordinal);
        foreach (var asset in Assets) usd[asset.Code] = Walk(asset, days, rng);

        foreach (var symbol in Symbols)
        {
            var pair = new MarketPair(symbol[..3], symbol[3..]);
            var info = MarketInfo.For(pair);
            infos[symbol] = info;
            var raw = pair.Quote switch
            {
                "usd" => usd[pair.Base],
                "btc" => Ratio(usd[pair.Base], usd["btc"], rng),
                _ => Divide(usd[pair.Base], usd[pair.Quote]),
            };
            candles[symbol] = raw.Select(c => Round(c, info)).ToArray();
        }
    }

    public IEnumerable<OhlcSeries> Series =>
        Symbols.Select(s => new OhlcSeries(infos[s].Pair, candles[s]));

    public MarketInfo Info(string symbol) => infos[symbol];

    public OhlcCandle Candle(string symbol, int day) => candles[symbol][day];

    /// <summary>A price inside the day's [low, high], on the market's price grid.</summary>
    public decimal PriceWithin(string symbol, int day, Random rng)
    {
        var c = candles[symbol][day];
        var decimals = infos[symbol].CounterDecimals;
        var price = Math.Round(c.Low + ((c.High - c.Low) * Uniform(rng)), decimals, MidpointRounding.AwayFromZero);
        return Math.Clamp(price, c.Low, c.High);
    }

    /// <summary>Uniform in [0, 1) with six decimals.</summary>
    public static decimal Uniform(Random rng) => rng.Next(1_000_000) / 1_000_000m;

    /// <summary>Roughly standard normal (Irwin–Hall: twelve uniforms minus six).</summary>
    private static decimal Normal(Random rng)
    {
        var sum = 0m;
        for (var i = 0; i < 12; i++) sum += Uniform(rng);
        return sum - 6m;
    }

    private OhlcCandle[] Walk(AssetWalk asset, int days, Random rng)
    {
        var result = new OhlcCandle[days];
        var close = asset.Anchor(0, CycleDays);
        for (var day = 0; day < days; day++)
        {
            var open = close;
            var anchor = asset.Anchor(day, CycleDays);
            var next = open * (1m + (0.04m * ((anchor / open) - 1m)) + (asset.Volatility * Normal(rng)));
            close = Math.Clamp(next, asset.Floor, asset.Ceiling);
            var high = Math.Max(open, close) * (1m + (asset.Volatility * Uniform(rng) / 2m));
            var low = Math.Min(open, close) * (1m - (asset.Volatility * Uniform(rng) / 2m));
            var volume = asset.VolumeMin + ((asset.VolumeMax - asset.VolumeMin) * Uniform(rng));
            result[day] = new OhlcCandle(firstDay + (day * OhlcSeries.Day), open, high, low, close, volume);
        }

        return result;
    }

    private static OhlcCandle[] Divide(OhlcCandle[] values, OhlcCandle[] rates) =>
        values.Select((c, i) =>
        {
            var r = rates[i].Close;
            return c with { Open = c.Open / r, High = c.High / r, Low = c.Low / r, Close = c.Close / r, Volume = c.Volume / 8m };
        }).ToArray();

    private static OhlcCandle[] Ratio(OhlcCandle[] numerators, OhlcCandle[] denominators, Random rng) =>
        numerators.Select((c, i) =>
        {
            var d = denominators[i];
            var open = c.Open / d.Open;
            var close = c.Close / d.Close;
            var high = Math.Max(open, close) * (1m + (0.01m * Uniform(rng)));
            var low = Math.Min(open, close) * (1m - (0.01m * Uniform(rng)));
            return new OhlcCandle(c.Timestamp, open, high, low, close, c.Volume / 20m);
        }).ToArray();

    private static OhlcCandle Round(OhlcCandle c, MarketInfo info)
    {
        var d = info.CounterDecimals;
        return new OhlcCandle(
            c.Timestamp,
            Math.Round(c.Open, d, MidpointRounding.AwayFromZero),
            Math.Round(c.High, d, MidpointRounding.ToPositiveInfinity),
            Math.Round(c.Low, d, MidpointRounding.ToNegativeInfinity),
            Math.Round(c.Close, d, MidpointRounding.AwayFromZero),
            Math.Round(c.Volume, 8, MidpointRounding.AwayFromZero));
    }
}

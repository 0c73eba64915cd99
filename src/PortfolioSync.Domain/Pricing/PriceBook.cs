using System.Collections.Frozen;
using NodaTime;

namespace PortfolioSync.Domain.Pricing;

/// <summary>
/// Daily closes of many markets, built once, converting any asset into another on a date. Immutable and safe to
/// share between threads.
/// <para>
/// Which price: the close of the daily candle of the requested UTC date. For an <see cref="Instant"/>, that is the
/// candle of the instant's UTC date. If the market has no candle that day, the last earlier close is carried forward
/// and the conversion says <see cref="ConversionStatus.GapFilled"/> with the date it came from; if the market has no
/// candle on or before the date, that route is missing. A carried-forward close is at most
/// <see cref="MaxPriceAgeDays"/> days old: beyond that the route is missing too (never a price years old).
/// </para>
/// <para>
/// Routes, tried in this order: the direct market (BTC→USD via <c>btcusd</c>), the inverse market (USD→GBP via
/// <c>gbpusd</c>, dividing by its close), then one hop through a third asset (BTC→GBP via <c>btcusd</c> then
/// <c>gbpusd</c>), trying USD, EUR, GBP and BTC first and then other assets in code order, each leg direct before
/// inverse. The first route with a candle of the very date wins; failing that, the first gap-filled route; failing
/// that, the conversion is <see cref="ConversionStatus.Missing"/>. Never more than one hop.
/// </para>
/// </summary>
public sealed class PriceBook
{
    private static readonly Asset[] PreferredHops = [Asset.Usd, Asset.Eur, Asset.Gbp, Asset.Btc];

    private readonly FrozenDictionary<Asset, int> _index;
    private readonly PriceRoute[][] _routes;   // [from * n + to]
    private readonly int _count;

    /// <summary>The default of <see cref="MaxPriceAgeDays"/> (config key <c>maxPriceAgeDays</c>).</summary>
    public const int DefaultMaxPriceAgeDays = 7;

    /// <param name="maxPriceAgeDays">How many days a close may be carried forward over a gap (0: only the day's own candle).</param>
    /// <exception cref="ArgumentException">A close that is not positive, a candle whose base equals its quote, or two
    /// candles of one market and date with different closes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPriceAgeDays"/> is negative.</exception>
    public PriceBook(IEnumerable<DailyPrice> prices, int maxPriceAgeDays = DefaultMaxPriceAgeDays)
    {
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentOutOfRangeException.ThrowIfNegative(maxPriceAgeDays);
        MaxPriceAgeDays = maxPriceAgeDays;
        var byPair = new Dictionary<CurrencyPair, List<DailyPrice>>();
        foreach (var p in prices)
        {
            if (p.Base == p.Quote) throw new ArgumentException($"a market needs two assets, got {p.Pair}", nameof(prices));
            if (p.Close <= 0m)
                throw new ArgumentException($"{p.Pair} {p.Date:uuuu-MM-dd}: close must be positive, was {DecimalText.Format(p.Close)}", nameof(prices));
            if (!byPair.TryGetValue(p.Pair, out var list)) byPair[p.Pair] = list = [];
            list.Add(p);
        }

        var series = byPair.ToDictionary(kv => kv.Key, kv => new PriceSeries(kv.Key, kv.Value));
        Pairs = series.Keys.OrderBy(p => p.Base).ThenBy(p => p.Quote).ToList();
        var assets = series.Keys.SelectMany(p => new[] { p.Base, p.Quote }).Distinct().Order().ToList();
        Assets = assets;
        _count = assets.Count;
        _index = assets.Select((a, i) => (a, i)).ToFrozenDictionary(x => x.a, x => x.i);
        _routes = new PriceRoute[_count * _count][];
        var hops = PreferredHops.Where(assets.Contains).Concat(assets.Where(a => !PreferredHops.Contains(a))).ToList();
        for (var f = 0; f < _count; f++)
            for (var t = 0; t < _count; t++)
                if (f != t) _routes[f * _count + t] = FindRoutes(assets[f], assets[t], series, hops);
    }

    public static PriceBook Empty { get; } = new([]);

    /// <summary>The oldest a gap-filled close may be, in days.</summary>
    public int MaxPriceAgeDays { get; }

    /// <summary>Every market with at least one candle, ordered by base then quote.</summary>
    public IReadOnlyList<CurrencyPair> Pairs { get; }

    /// <summary>Every asset that appears in a market, in code order.</summary>
    public IReadOnlyList<Asset> Assets { get; }

    /// <summary>Converts with the candle of the UTC date of <paramref name="at"/>.</summary>
    public Conversion Convert(Asset from, Asset to, Instant at) => Convert(from, to, PriceSeries.UtcDayNumber(at));

    /// <summary>Converts with the candle of <paramref name="utcDate"/>.</summary>
    public Conversion Convert(Asset from, Asset to, LocalDate utcDate) => Convert(from, to, PriceSeries.DayNumber(utcDate));

    private Conversion Convert(Asset from, Asset to, int day)
    {
        if (from == to)
            return new Conversion(from, to, PriceSeries.FromDayNumber(day), ConversionStatus.Identity, null, false, 0m, null, false, 0m, null);
        if (_index.TryGetValue(from, out var f) && _index.TryGetValue(to, out var t))
        {
            Conversion? gapFilled = null;
            foreach (var route in _routes[f * _count + t])
            {
                if (!Evaluate(route, from, to, day, out var conversion)) continue;
                if (!conversion.IsGapFilled) return conversion;
                gapFilled ??= conversion;
            }
            if (gapFilled is { } g) return g;
        }
        return new Conversion(from, to, PriceSeries.FromDayNumber(day), ConversionStatus.Missing,
            new CurrencyPair(from, to), false, 0m, null, false, 0m, null);
    }

    private bool Evaluate(PriceRoute route, Asset from, Asset to, int day, out Conversion conversion)
    {
        conversion = default;
        if (!route.First.TryGet(day, out var close1, out var source1)) return false;
        var close2 = 0m;
        var source = source1;
        if (route.Second is { } second)
        {
            if (!second.TryGet(day, out close2, out var source2)) return false;
            source = Math.Min(source1, source2);
        }
        if (day - source > MaxPriceAgeDays) return false;
        var status = source == day ? ConversionStatus.Exact : ConversionStatus.GapFilled;
        conversion = new Conversion(from, to, PriceSeries.FromDayNumber(day), status,
            route.First.Pair, route.FirstInverted, close1,
            route.Second?.Pair, route.SecondInverted, close2, PriceSeries.FromDayNumber(source));
        return true;
    }

    private static PriceRoute[] FindRoutes(Asset from, Asset to, Dictionary<CurrencyPair, PriceSeries> series, List<Asset> hops)
    {
        var routes = new List<PriceRoute>();
        foreach (var direct in Legs(from, to, series)) routes.Add(new PriceRoute(direct.Series, direct.Inverted, null, false));
        foreach (var hop in hops)
        {
            if (hop == from || hop == to) continue;
            foreach (var first in Legs(from, hop, series))
                foreach (var second in Legs(hop, to, series))
                    routes.Add(new PriceRoute(first.Series, first.Inverted, second.Series, second.Inverted));
        }
        return [.. routes];
    }

    // Direct before inverse; both when both markets exist, so a date missing on one can fall back to the other.
    private static IEnumerable<(PriceSeries Series, bool Inverted)> Legs(Asset from, Asset to, Dictionary<CurrencyPair, PriceSeries> series)
    {
        if (series.TryGetValue(new CurrencyPair(from, to), out var direct)) yield return (direct, false);
        if (series.TryGetValue(new CurrencyPair(to, from), out var inverse)) yield return (inverse, true);
    }
}

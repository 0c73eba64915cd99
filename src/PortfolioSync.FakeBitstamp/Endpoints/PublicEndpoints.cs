using System.Globalization;
using System.Text.Json;
using PortfolioSync.FakeBitstamp.Catalog;
using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.FakeBitstamp.Protocol;

namespace PortfolioSync.FakeBitstamp.Endpoints;

/// <summary>
/// Public GET endpoints: <c>markets/</c>, <c>trading-pairs-info/</c>, <c>currencies/</c>, <c>ticker/</c>,
/// <c>ticker/{pair}/</c>, <c>ohlc/{pair}/</c>. The server has daily candles only: OHLC answers step 86400 from the data
/// and 259200 by merging three days (aligned to multiples of 259200 s); finer steps are refused with a 400 that says so.
/// </summary>
internal static class PublicEndpoints
{
    private static readonly long[] Steps = [60, 180, 300, 900, 1800, 3600, 7200, 14400, 21600, 43200, 86400, 259200];

    public static ApiResponse Markets(MarketCatalog catalog, bool perpetuals = false) => ApiResponse.Ok(JsonBody.Write(w =>
    {
        w.WriteStartArray();
        foreach (var m in catalog.Markets) MarketRow(w, m);
        if (perpetuals)
        {
            // What the real markets/ lists besides spot (bitstamp-api.md §9): perpetuals, and a market not trading.
            foreach (var (symbol, @base) in new[] { ("btcusd-perp", "BTC"), ("ethusd-perp", "ETH") })
            {
                w.WriteStartObject();
                w.WriteString("name", @base + "/USD-PERP");
                w.WriteString("market_symbol", symbol);
                w.WriteString("base_currency", @base);
                w.WriteNumber("base_decimals", 8);
                w.WriteString("counter_currency", "USD");
                w.WriteNumber("counter_decimals", 2);
                w.WriteString("minimum_order_value", "10.00");
                w.WriteString("trading", "Enabled");
                w.WriteString("description", @base + " / U.S. dollar perpetual");
                w.WriteString("market_type", "PERPETUAL");
                w.WriteString("margin_mode", "CROSS");
                w.WriteEndObject();
            }
            w.WriteStartObject();
            w.WriteString("name", "BTC/XYZ");
            w.WriteString("market_symbol", "btcxyz");
            w.WriteString("base_currency", "BTC");
            w.WriteNumber("base_decimals", 8);
            w.WriteString("counter_currency", "USD");
            w.WriteNumber("counter_decimals", 2);
            w.WriteString("trading", "Disabled");
            w.WriteString("market_type", "SPOT");
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }));

    /// <summary>One <c>markets/</c> row, with every field ccxt reads.</summary>
    public static void MarketRow(Utf8JsonWriter w, MarketInfo m)
    {
        w.WriteStartObject();
        w.WriteString("name", m.Pair.DisplayName);
        w.WriteString("market_symbol", m.Symbol);
        w.WriteString("base_currency", m.Pair.Base.ToUpperInvariant());
        w.WriteNumber("base_decimals", m.BaseDecimals);
        w.WriteString("counter_currency", m.Pair.Quote.ToUpperInvariant());
        w.WriteNumber("counter_decimals", m.CounterDecimals);
        w.WriteString("minimum_order_value", m.MinimumOrderValue);
        w.WriteString("trading", "Enabled");
        w.WriteNumber("instant_order_counter_decimals", Math.Max(2, m.CounterDecimals));
        w.WriteString("instant_and_market_orders", "Enabled");
        w.WriteString("description", m.Description);
        w.WriteString("market_type", "SPOT");
        w.WriteEndObject();
    }

    public static ApiResponse TradingPairsInfo(MarketCatalog catalog) => ApiResponse.Ok(JsonBody.Write(w =>
    {
        w.WriteStartArray();
        foreach (var m in catalog.Markets)
        {
            w.WriteStartObject();
            w.WriteString("name", m.Pair.DisplayName);
            w.WriteString("url_symbol", m.Symbol);
            w.WriteNumber("base_decimals", m.BaseDecimals);
            w.WriteNumber("counter_decimals", m.CounterDecimals);
            w.WriteNumber("instant_order_counter_decimals", Math.Max(2, m.CounterDecimals));
            w.WriteString("minimum_order", m.MinimumOrderValue + " " + m.Pair.Quote.ToUpperInvariant());
            w.WriteString("trading", "Enabled");
            w.WriteString("instant_and_market_orders", "Enabled");
            w.WriteString("description", m.Description);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }));

    public static ApiResponse Currencies(MarketCatalog catalog) => ApiResponse.Ok(JsonBody.Write(w =>
    {
        w.WriteStartArray();
        foreach (var c in catalog.Currencies)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.WriteString("currency", c.Upper);
            w.WriteString("type", c.IsFiat ? "fiat" : "crypto");
            w.WriteString("symbol", c.Upper);
            w.WriteNumber("decimals", c.Decimals);
            w.WriteString("deposit", "Enabled");
            w.WriteString("withdrawal", "Enabled");
            w.WriteStartArray("networks");
            w.WriteStartObject();
            w.WriteString("network", c.Network);
            w.WriteNumber("withdrawal_decimals", c.Decimals);
            w.WriteString("deposit", "Enabled");
            w.WriteString("withdrawal", "Enabled");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }));

    /// <summary>From the latest daily candle at or before now; null pair: every market with candles (with <c>pair</c>).</summary>
    public static ApiResponse Ticker(ServerData data, MarketCatalog catalog, string? pair, DateTimeOffset now)
    {
        if (pair is not null)
        {
            if (catalog.FindMarket(pair) is not { } market) return ApiResponse.Error(ApiError.NotFound);
            var candle = Latest(data.FindOhlc(pair), now);
            if (candle is null) return ApiResponse.Error(new ApiError(404, "No ticker data for this market.", "404.003"));
            return ApiResponse.Ok(JsonBody.Write(w => TickerRow(w, market, candle.Value, now, withPair: false)));
        }

        return ApiResponse.Ok(JsonBody.Write(w =>
        {
            w.WriteStartArray();
            foreach (var m in catalog.Markets)
                if (Latest(data.FindOhlc(m.Symbol), now) is { } c) TickerRow(w, m, c, now, withPair: true);
            w.WriteEndArray();
        }));
    }

    public static ApiResponse Ohlc(ServerData data, MarketCatalog catalog, string pair, FormBody query, DateTimeOffset now)
    {
        if (catalog.FindMarket(pair) is not { } market) return ApiResponse.Error(ApiError.NotFound);
        if (FormNumbers.TryRead(query["step"], out var step) is not true || !Steps.Contains(step))
            return ApiResponse.Error(ApiError.BadParameter("Invalid step: one of " + string.Join(", ", Steps), "400.007"));
        if (step < OhlcSeries.Day)
        {
            return ApiResponse.Error(ApiError.BadParameter(
                FormattableString.Invariant($"Step {step} is not available: this server has daily candles only (step 86400 or 259200)."), "400.007"));
        }

        if (FormNumbers.TryRead(query["limit"], out var limit) is not true || limit is < 1 or > 1000)
            return ApiResponse.Error(ApiError.BadParameter("Invalid limit: 1 to 1000", "400.011"));
        long? start = null, end = null;
        if (FormNumbers.TryRead(query["start"], out var s) is { } okStart)
        {
            if (!okStart) return ApiResponse.Error(ApiError.BadParameter("Invalid start", "400.007"));
            start = s;
        }

        if (FormNumbers.TryRead(query["end"], out var e) is { } okEnd)
        {
            if (!okEnd) return ApiResponse.Error(ApiError.BadParameter("Invalid end", "400.007"));
            end = e;
        }

        var excludeCurrent = query["exclude_current_candle"] is "true" or "True" or "1";
        var candles = Select(Candles(data.FindOhlc(pair), step), (int)limit, start, end, now.ToUnixTimeSeconds(), step, excludeCurrent);
        return ApiResponse.Ok(JsonBody.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("data");
            w.WriteString("pair", market.Pair.DisplayName);
            w.WriteStartArray("ohlc");
            foreach (var c in candles)
            {
                w.WriteStartObject();
                w.WriteString("timestamp", c.Timestamp.ToString(CultureInfo.InvariantCulture));
                w.WriteString("open", Text(c.Open));
                w.WriteString("high", Text(c.High));
                w.WriteString("low", Text(c.Low));
                w.WriteString("close", Text(c.Close));
                w.WriteString("volume", Text(c.Volume));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }));
    }

    /// <summary>
    /// Bitstamp's rule: with <c>end</c> the last <paramref name="limit"/> candles up to it (also when <c>start</c> is
    /// given); with only <c>start</c> the first candles from it; with neither the last candles up to now.
    /// </summary>
    private static IEnumerable<OhlcCandle> Select(
        IReadOnlyList<OhlcCandle> candles, int limit, long? start, long? end, long now, long step, bool excludeCurrent)
    {
        var upTo = end ?? now;
        var eligible = candles.Where(c => c.Timestamp <= upTo && (!excludeCurrent || c.Timestamp + step <= now));
        if (end is null && start is { } from) return eligible.Where(c => c.Timestamp >= from).Take(limit);
        var list = eligible.ToList();
        return list.Skip(Math.Max(0, list.Count - limit));
    }

    private static IReadOnlyList<OhlcCandle> Candles(OhlcSeries? series, long step)
    {
        if (series is null) return [];
        if (step == OhlcSeries.Day) return series.Candles;
        return series.Candles.GroupBy(c => c.Timestamp - (c.Timestamp % step)).Select(g => new OhlcCandle(
            g.Key, g.First().Open, g.Max(c => c.High), g.Min(c => c.Low), g.Last().Close, g.Sum(c => c.Volume))).ToList();
    }

    private static OhlcCandle? Latest(OhlcSeries? series, DateTimeOffset now)
    {
        if (series is null) return null;
        var i = series.IndexAtOrAfter(now.ToUnixTimeSeconds() + 1);
        return i > 0 ? series.Candles[i - 1] : null;
    }

    private static void TickerRow(Utf8JsonWriter w, MarketInfo m, OhlcCandle c, DateTimeOffset now, bool withPair)
    {
        var tick = 1m;
        for (var i = 0; i < m.CounterDecimals; i++) tick /= 10m;
        var vwap = Math.Round((c.High + c.Low + c.Close) / 3m, m.CounterDecimals, MidpointRounding.AwayFromZero);
        var change = c.Open == 0 ? 0m : Math.Round((c.Close - c.Open) / c.Open * 100m, 2, MidpointRounding.AwayFromZero);
        w.WriteStartObject();
        w.WriteString("timestamp", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        w.WriteString("open", Text(c.Open));
        w.WriteString("high", Text(c.High));
        w.WriteString("low", Text(c.Low));
        w.WriteString("last", Text(c.Close));
        w.WriteString("volume", Text(c.Volume));
        w.WriteString("vwap", Text(vwap));
        w.WriteString("bid", Text(c.Close - tick));
        w.WriteString("ask", Text(c.Close + tick));
        w.WriteString("side", "0");
        w.WriteString("open_24", Text(c.Open));
        w.WriteString("percent_change_24", Text(change));
        if (withPair) w.WriteString("pair", m.Pair.DisplayName);
        w.WriteEndObject();
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}

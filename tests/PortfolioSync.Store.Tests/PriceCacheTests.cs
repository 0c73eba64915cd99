using System.Globalization;
using LiteDB;
using NodaTime;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Pricing;

namespace PortfolioSync.Store.Tests;

/// <summary>
/// The price cache that whole-candle reads (reports, value) use: written at the end of a run beside the ledger cache,
/// used only while no candle changed and no run started since, and never trusted when it does not read back intact.
/// </summary>
public sealed class PriceCacheTests : IDisposable
{
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Small chunks, so that a few hundred candles make a cache of several documents.</summary>
    private PortfolioStore Open() => _temp.Open(new StoreOptions { Time = _temp.Clock, LedgerCacheChunkBytes = 4096 });

    private static readonly LocalDate Day = new(2023, 12, 30);

    private static CurrencyPair P(string b, string q) => new(Asset.Parse(b), Asset.Parse(q));

    /// <summary>Candles of three markets (one whose market is not known), closes with different scales.</summary>
    private static List<DailyPrice> Candles() =>
    [
        .. Enumerable.Range(0, 150).Select(i => new DailyPrice("btcgbp", P("BTC", "GBP"), Day.PlusDays(i), 30000m + i, 31000.5m, 29000.25m, 30500.10m + i * 0.001m, "bitstamp-ohlc")),
        .. Enumerable.Range(0, 80).Select(i => new DailyPrice("ethbtc", P("ETH", "BTC"), Day.PlusDays(i), 0.05m, 0.06m, 0.04m, 0.0500000001m * (i + 1), "bitstamp-ohlc")),
        .. Enumerable.Range(0, 3).Select(i => new DailyPrice("abcxyz", null, Day.PlusDays(i), 1, 2, 0.5m, 1.50m, "bitstamp")),
    ];

    /// <summary>Every field as text, decimals with their scale (1.50 is not 1.5 in a report).</summary>
    private static List<string> Text(IEnumerable<DailyPrice> prices) => prices.Select(p => string.Join(" ",
        p.Pair, p.Market is { } m ? $"{m.Base.Code}/{m.Quote.Code}" : "-", p.Date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture),
        p.Open.ToString(CultureInfo.InvariantCulture), p.High.ToString(CultureInfo.InvariantCulture),
        p.Low.ToString(CultureInfo.InvariantCulture), p.Close.ToString(CultureInfo.InvariantCulture), p.Source)).ToList();

    [Fact]
    public void A_refreshed_cache_reads_back_exactly_the_scanned_candles_in_order()
    {
        using var store = Open();
        store.StartRun();
        store.UpsertPrices(Candles()).Should().Be(233);
        store.PriceCacheUsable().Should().BeFalse("no run has written the cache yet");

        store.RefreshLedgerCache();
        store.Database.GetCollection("price_cache").Count().Should().BeGreaterThan(3, "233 candles at 4 KiB per chunk");
        store.PriceCacheUsable().Should().BeTrue();
        var read = store.ReadPrices();
        read.Should().HaveCount(233);
        Text(read).Should().Equal(Text(store.ScanPrices()));
        read.Single(p => p.Pair == "abcxyz" && p.Date == Day).Close.ToString(CultureInfo.InvariantCulture).Should().Be("1.50");
        read.Should().Contain(p => p.Pair == "abcxyz" && p.Market == null);
        store.Verify().Should().BeEmpty();
    }

    [Fact]
    public void A_changed_candle_or_market_makes_the_cache_stale_so_the_read_scans_until_the_next_refresh()
    {
        using var store = Open();
        store.StartRun();
        store.UpsertPrices(Candles());
        store.RefreshLedgerCache();

        store.UpsertPrices([new DailyPrice("btcgbp", P("BTC", "GBP"), Day, 1, 1, 1, 12345.67m, "bitstamp-ohlc")]).Should().Be(1);
        store.PriceCacheUsable().Should().BeFalse();
        store.ReadPrices().Single(p => p.Pair == "btcgbp" && p.Date == Day).Close.Should().Be(12345.67m);
        store.Verify().Should().BeEmpty("a stale cache is not used, so it is not a problem");

        store.RefreshLedgerCache();
        store.PriceCacheUsable().Should().BeTrue();
        store.ReadPrices().Single(p => p.Pair == "btcgbp" && p.Date == Day).Close.Should().Be(12345.67m);

        store.SetPriceMarket("abcxyz", P("ABC", "XYZ")).Should().Be(3);
        store.PriceCacheUsable().Should().BeFalse();
        store.ReadPrices().Where(p => p.Pair == "abcxyz").Should().OnlyContain(p => p.Market == P("ABC", "XYZ"));
        store.UpsertPrices(Candles().Take(5).ToList()).Should().Be(1, "only the candle changed above differs");
    }

    [Fact]
    public void A_run_started_after_the_refresh_makes_it_stale_even_when_its_candles_did_not_raise_the_version()
    {
        using var store = Open();
        store.StartRun();
        store.UpsertPrices(Candles());
        store.RefreshLedgerCache();

        // As a program of the same schema that predates the cache would leave it: a run, and a candle written straight
        // into its collection (no price version raised).
        _temp.Clock.Advance(TimeSpan.FromMinutes(1));
        store.StartRun();
        var doc = store.Database.GetCollection("prices").FindById("btcgbp/2023-12-30");
        doc["close"] = 99m;
        store.Database.GetCollection("prices").Update(doc);

        store.PriceCacheUsable().Should().BeFalse();
        store.ReadPrices().Single(p => p.Pair == "btcgbp" && p.Date == Day).Close.Should().Be(99m);
    }

    [Fact]
    public void A_damaged_cache_is_not_used_the_read_gives_the_stored_candles_and_verify_lists_it()
    {
        using var store = Open();
        store.StartRun();
        store.UpsertPrices(Candles());
        store.RefreshLedgerCache();
        var cache = store.Database.GetCollection("price_cache");
        var chunk = cache.FindById("chunk/000001");
        var bytes = chunk["e"].AsBinary;
        bytes[100] ^= 0x01;
        chunk["e"] = bytes;
        cache.Update(chunk);

        store.PriceCacheUsable().Should().BeFalse();
        Text(store.ReadPrices()).Should().Equal(Text(store.ScanPrices()));
        store.Verify().Should().ContainSingle().Which.Should().Match<StoreProblem>(p =>
            p.Kind == StoreProblemKind.Unreadable && p.Key == "price_cache" && p.Message.Contains("does not read back intact"));
    }
}

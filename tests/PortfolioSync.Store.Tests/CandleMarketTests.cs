using NodaTime;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Pricing;
using PortfolioSync.Store.Schema;

namespace PortfolioSync.Store.Tests;

/// <summary>Schema 5: each candle keeps its market's base and quote; the backfill of older stores, keyed on the data
/// (a store already at 6 gets it too), and the sync's correction from the markets list.</summary>
public sealed class CandleMarketTests : IDisposable
{
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly LocalDate Day = new(2024, 3, 1);

    private static readonly string[] Symbols = ["btcusd", "usdcusd", "eurcusd", "ethbtc", "btcusdt", "abcxyz"];

    private static DailyPrice Legacy(string symbol, int i = 0) => new(symbol, null, Day.PlusDays(i), 1, 2, 0.5m, 1.5m, "bitstamp");

    private static CurrencyPair P(string b, string q) => new(Asset.Parse(b), Asset.Parse(q));

    // As "BASE/QUOTE" text (null: not known), one per market: every candle of a market has the same.
    private static Dictionary<string, string?> Markets(PortfolioStore store) =>
        store.ReadPrices().GroupBy(p => p.Pair).ToDictionary(g => g.Key, g => g.Select(p => Text(p.Market)).Distinct().Single());

    private static string? Text(CurrencyPair? m) => m is { } p ? $"{p.Base.Code}/{p.Quote.Code}" : null;

    private static readonly Dictionary<string, string?> Backfilled = new()
    {
        ["btcusd"] = "BTC/USD", ["usdcusd"] = "USDC/USD", ["eurcusd"] = "EURC/USD",
        ["ethbtc"] = "ETH/BTC", ["btcusdt"] = "BTC/USDT",
        ["abcxyz"] = null,   // no quote of the frozen list: left for the next sync, not guessed
    };

    [Fact]
    public void A_store_from_before_5_runs_5_then_6_then_7_then_8_and_every_candle_it_can_split_gets_its_market()
    {
        using (var old = _temp.Open(new StoreOptions { Time = _temp.Clock, Migrations = SchemaMigrations.All.Where(m => m.Version <= 4).ToList() }))
        {
            old.StoredSchemaVersion.Should().Be(4);
            old.UpsertPrices([.. Symbols.SelectMany(s => Enumerable.Range(0, 3).Select(i => Legacy(s, i)))]);
        }
        var migrated = new List<int>();
        using var store = _temp.Open(new StoreOptions { Time = _temp.Clock, OnMigration = (v, _) => migrated.Add(v) });
        migrated.Should().Equal(5, 6, 7, 8);
        store.StoredSchemaVersion.Should().Be(8);
        Markets(store).Should().BeEquivalentTo(Backfilled);
    }

    [Fact]
    public void A_store_already_at_6_without_5_gets_5_on_its_next_writable_open_without_lowering_its_version()
    {
        using (var at6 = _temp.Open(new StoreOptions { Time = _temp.Clock, Migrations = SchemaMigrations.All.Where(m => m.Version is not 5 and <= 6).ToList() }))
        {
            at6.StoredSchemaVersion.Should().Be(6);
            at6.UpsertPrices([.. Symbols.Select(s => Legacy(s))]);
        }
        // A reader cannot run it: it asks for the writable open (the CLI's OpenForReading does exactly that).
        var read = () => _temp.Open(new StoreOptions { Time = _temp.Clock, ReadOnly = true });
        read.Should().Throw<StoreException>().Which.Failure.Should().Be(StoreFailure.NeedsUpgrade);

        var migrated = new List<int>();
        using (var store = _temp.Open(new StoreOptions { Time = _temp.Clock, OnMigration = (v, _) => migrated.Add(v) }))
        {
            migrated.Should().Equal(5, 7, 8);
            store.StoredSchemaVersion.Should().Be(8, "5 runs below the stored version and leaves it; 7 and 8 raise it");
            Markets(store).Should().BeEquivalentTo(Backfilled);
        }
        // Done once: the next opens (writable or not) run nothing.
        migrated.Clear();
        using (var again = _temp.Open(new StoreOptions { Time = _temp.Clock, OnMigration = (v, _) => migrated.Add(v) })) { }
        migrated.Should().BeEmpty();
        using var reader = read();
        Markets(reader).Should().BeEquivalentTo(Backfilled);
    }

    [Fact]
    public void The_backfill_run_again_changes_nothing_and_never_overwrites_a_market_the_sync_wrote()
    {
        using var store = _temp.Open();
        store.UpsertPrices([Legacy("btcusd"), Legacy("abcxyz"), new DailyPrice("usdcusd", P("USDC", "USD"), Day, 1, 1, 1, 1, "bitstamp"),
            // A market the backfill's list would split otherwise: what the markets list said wins.
            new DailyPrice("zzzusd", P("ZZ", "ZUSD"), Day, 1, 1, 1, 1, "bitstamp")]);
        CandleMarketBackfill.Apply(store.Database);
        var first = store.ReadPrices();
        CandleMarketBackfill.Apply(store.Database);
        store.ReadPrices().SequenceEqual(first).Should().BeTrue();
        Markets(store).Should().BeEquivalentTo(new Dictionary<string, string?>
        {
            ["btcusd"] = "BTC/USD", ["abcxyz"] = null, ["usdcusd"] = "USDC/USD", ["zzzusd"] = "ZZ/ZUSD",
        });
    }

    [Fact]
    public void The_markets_list_sets_every_stored_candle_of_a_market_and_a_second_call_changes_none()
    {
        using var store = _temp.Open();
        store.UpsertPrices([Legacy("abcxyz", 0), Legacy("abcxyz", 1), new DailyPrice("abcxyz", P("ABCX", "YZ"), Day.PlusDays(2), 1, 1, 1, 1, "bitstamp"), Legacy("btcusd")]);
        store.SetPriceMarket("abcxyz", P("ABC", "XYZ")).Should().Be(3);
        store.SetPriceMarket("abcxyz", P("ABC", "XYZ")).Should().Be(0);
        Markets(store)["abcxyz"].Should().Be("ABC/XYZ");
        Markets(store)["btcusd"].Should().BeNull("another market is not touched");
    }
}

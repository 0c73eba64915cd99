using PortfolioSync.Domain.Pricing;
using NodaTime;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Ledger;

namespace PortfolioSync.Store.Tests;

public sealed class RoundTripTests : IDisposable
{
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Every_ledger_field_survives_a_round_trip_including_microseconds_and_18_decimals()
    {
        var at = Instant.FromUtc(2024, 3, 1, 12, 34, 56) + Duration.FromTicks(1_234_567); // .1234567
        var entry = new LedgerEntry("bitstamp:main:42", "main", at, EntryKind.StakingReward,
            [new Leg(Asset.Parse("ETH"), 0.123456789012345678m), new Leg(Asset.Usd, -79228162514264.337593543950335m)],
            new Money(0.000000000000000001m, Asset.Parse("ETH")), 42, null, RawKey.Of("main", "user_transactions", 42));
        using (var store = _temp.Open())
            store.CommitPage(Records.Page(PageRecord.Mapped(entry, Records.Json(42))));

        using var reopened = _temp.Open();
        var back = reopened.GetEntry("bitstamp:main:42")!;
        back.Should().Be(entry);
        back.At.ToUnixTimeTicks().Should().Be(at.ToUnixTimeTicks());
        back.Legs[0].Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture).Should().Be("0.123456789012345678");
        back.Fee!.Value.Amount.Should().Be(0.000000000000000001m);
        back.OrderId.Should().BeNull();
    }

    [Fact]
    public void An_entry_without_fee_and_with_an_order_id_round_trips()
    {
        var e = Records.Entry(7);
        var entry = new LedgerEntry(e.Id, e.Account, e.At, e.Kind, e.Legs, null, e.ExternalId, e.OrderId, e.SourceKey);
        using var store = _temp.Open();
        store.CommitPage(Records.Page(PageRecord.Mapped(entry, Records.Json(7))));
        store.GetEntry(entry.Id).Should().Be(entry);
        store.GetEntry(entry.Id)!.OrderId.Should().Be(49);
    }

    [Theory]
    [InlineData("{\"id\": 1, \"note\": \"ünïcödé € 😀 \\u00e9\"}")]
    [InlineData("{ \"id\":1 ,\n\t\"usd\" : \"-1.10\"  ,\"x\":null }  ")]
    [InlineData("{\"id\":1,\"a\":\"\\\"quoted\\\" \\\\ back\"}")]
    public void Raw_json_reads_back_byte_identical(string json)
    {
        using (var store = _temp.Open())
            store.CommitPage(Records.Page(PageRecord.Mapped(Records.Entry(1), json)));

        using var reopened = _temp.Open();
        var raw = reopened.GetRaw(RawKey.Of("main", "user_transactions", 1))!;
        raw.Json.Should().Be(json);
        System.Text.Encoding.UTF8.GetBytes(raw.Json).Should().Equal(System.Text.Encoding.UTF8.GetBytes(json));
    }

    [Fact]
    public void Raw_records_keep_their_metadata()
    {
        using var store = _temp.Open();
        store.CommitPage(new PageCommit("main", "user_transactions", "run-9", [Records.Mapped(5)]));

        var raw = store.GetRaw("main/user_transactions/5")!;
        raw.Should().BeEquivalentTo(new
        {
            Key = "main/user_transactions/5", Account = "main", Stream = "user_transactions", ExternalId = 5L,
            RunId = "run-9", Version = 1, EntryId = "bitstamp:main:5", Problem = (string?)null, IsCurrent = true,
        });
        raw.FetchedAt.Should().Be(Instant.FromDateTimeOffset(_temp.Clock.GetUtcNow()));
    }

    [Fact]
    public void Prices_balances_and_runs_round_trip()
    {
        using var store = _temp.Open();
        var price = new DailyPrice("btcusd", new CurrencyPair(Asset.Btc, Asset.Usd), new LocalDate(2024, 3, 1), 61000.12m, 62000m, 60000.5m, 61500.123456789m, "bitstamp-ohlc");
        store.UpsertPrices([price]).Should().Be(1);
        store.ReadPrices().Should().Equal(price);

        var at = Instant.FromUtc(2024, 3, 2, 2, 0) + Duration.FromTicks(17);
        store.WriteBalances("main", "run-1", at, [new BalanceRow(Asset.Btc, 1.123456789012345678m, 1m, 0.123456789012345678m)]);
        var snapshot = store.GetLatestBalances("main")!;
        snapshot.At.Should().Be(at);
        snapshot.Rows.Single().Should().Be(new BalanceRow(Asset.Btc, 1.123456789012345678m, 1m, 0.123456789012345678m));

        var run = store.StartRun();
        _temp.Clock.Advance(TimeSpan.FromSeconds(3));
        var finished = store.FinishRun(run.Id, RunStatus.Partial, [new AccountRunResult("main", 5, 1, 2, 3, "wrong secret")], ["main: wrong secret"]);
        var listed = store.ListRuns(1).Single();
        listed.Should().BeEquivalentTo(finished);
        (listed.Finished!.Value - listed.Started).Should().Be(Duration.FromSeconds(3));
    }
}

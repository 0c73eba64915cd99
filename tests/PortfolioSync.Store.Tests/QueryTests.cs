using PortfolioSync.Domain;
using PortfolioSync.Domain.Pricing;
using NodaTime;
using PortfolioSync.Domain.Ledger;

namespace PortfolioSync.Store.Tests;

public sealed class QueryTests : IDisposable
{
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_ledger_reads_back_in_ledger_order_across_accounts()
    {
        using var store = _temp.Open();
        var t = Records.Base;
        store.CommitPage(new PageCommit("b", "s", "r", [PageRecord.Mapped(Records.Entry(5, "b", "s", at: t), "{}"), PageRecord.Mapped(Records.Entry(1, "b", "s", at: t + Duration.FromSeconds(1)), "{}")]));
        store.CommitPage(new PageCommit("a", "s", "r", [PageRecord.Mapped(Records.Entry(5, "a", "s", at: t), "{}"), PageRecord.Mapped(Records.Entry(3, "a", "s", at: t), "{}")]));

        var ledger = store.ReadLedger();

        ledger.Select(e => e.Id).Should().Equal("bitstamp:a:3", "bitstamp:a:5", "bitstamp:b:5", "bitstamp:b:1");
        ledger.Should().BeInAscendingOrder(LedgerOrder.Instance);
        store.ReadLedger("b").Select(e => e.Id).Should().Equal("bitstamp:b:5", "bitstamp:b:1");
        store.CountLedger("a").Should().Be(2);
    }

    [Fact]
    public void An_instant_range_is_half_open_and_uses_the_at_index()
    {
        using var store = _temp.Open();
        store.CommitPage(Records.Page(Enumerable.Range(1, 50).Select(i => (long)i)));
        var from = Records.Entry(10).At;
        var to = Records.Entry(20).At;

        store.ReadLedger(from, to).Select(e => e.ExternalId).Should().Equal(Enumerable.Range(10, 10).Select(i => (long)i));
        store.ReadLedger(to, from).Should().BeEmpty();

        var plan = store.ExplainLedgerRange(from, to);
        plan["index"]["name"].AsString.Should().Be("at");
        plan["index"]["mode"].AsString.Should().StartWith("INDEX RANGE SCAN");
        store.ReadLedger("main").Should().HaveCount(50, "per-account reads scan since schema 3 (no account index)");
    }

    [Fact]
    public void Instants_a_tick_apart_at_the_range_edges_are_told_apart()
    {
        using var store = _temp.Open();
        var t = Records.Base;
        store.CommitPage(Records.Page(
            PageRecord.Mapped(Records.Entry(1, at: t - Duration.FromTicks(1)), "{}"),
            PageRecord.Mapped(Records.Entry(2, at: t), "{}"),
            PageRecord.Mapped(Records.Entry(3, at: t + Duration.FromTicks(9)), "{}"),
            PageRecord.Mapped(Records.Entry(4, at: t + Duration.FromTicks(10)), "{}")));

        store.ReadLedger(t, t + Duration.FromTicks(10)).Select(e => e.ExternalId).Should().Equal(2, 3);
    }

    [Fact]
    public void Raw_records_of_a_stream_come_in_external_id_order_and_streams_do_not_mix()
    {
        using var store = _temp.Open();
        store.CommitPage(Records.Page([1000, 9, 100, 10]));
        store.CommitPage(new PageCommit("main", "user_transactions2", "r", [Records.Mapped(5, stream: "user_transactions2")]));
        store.CommitPage(new PageCommit("main2", "user_transactions", "r", [Records.Mapped(6, account: "main2")]));

        store.ReadRaw("main", "user_transactions").Select(r => r.ExternalId).Should().Equal(9, 10, 100, 1000);
        store.ReadRaw("main", "user_transactions2").Select(r => r.ExternalId).Should().Equal(5);
        store.CountRecords().Select(c => (c.Account, c.Stream, c.Records)).Should().Equal(
            ("main", "user_transactions", 4L), ("main", "user_transactions2", 1L), ("main2", "user_transactions", 1L));
        store.ListCursors().Select(c => c.LastExternalId).Should().Equal(1000, 5, 6);
    }

    [Fact]
    public void Prices_read_by_pair_and_date_range_and_report_the_latest_date()
    {
        using var store = _temp.Open();
        var day = new LocalDate(2024, 1, 30);
        var prices = Enumerable.Range(0, 5).SelectMany(i => new[]
        {
            new DailyPrice("btcusd", new CurrencyPair(Asset.Btc, Asset.Usd), day.PlusDays(i), 1, 2, 0.5m, 1.5m + i, "bitstamp-ohlc"),
            new DailyPrice("btcusdt", new CurrencyPair(Asset.Btc, Asset.Parse("USDT")), day.PlusDays(i), 1, 2, 0.5m, 9, "bitstamp-ohlc"),
        }).ToList();

        store.UpsertPrices(prices).Should().Be(10);
        store.UpsertPrices(prices).Should().Be(0);
        store.UpsertPrices([prices[0] with { Close = 7 }]).Should().Be(1);

        store.ReadPrices("btcusd", day.PlusDays(1), day.PlusDays(3)).Select(p => p.Date).Should().Equal(day.PlusDays(1), day.PlusDays(2), day.PlusDays(3));
        store.ReadPrices("btcusd", day, day).Single().Close.Should().Be(7);
        store.GetLatestPriceDate("btcusd").Should().Be(day.PlusDays(4));
        store.GetLatestPriceDate("ethusd").Should().BeNull();
    }

    [Fact]
    public void The_latest_balance_snapshot_wins_and_a_rerun_replaces_its_rows()
    {
        using var store = _temp.Open();
        var t = Records.Base;
        store.WriteBalances("main", "run-2", t + Duration.FromDays(1), [new BalanceRow(Domain.Asset.Btc, 2, 2, 0)]);
        store.WriteBalances("main", "run-1", t, [new BalanceRow(Domain.Asset.Btc, 1, 1, 0)]);
        store.GetLatestBalances("main")!.RunId.Should().Be("run-2");

        store.WriteBalances("main", "run-2", t + Duration.FromDays(1), [new BalanceRow(Domain.Asset.Usd, 5, 4, 1)]);
        store.GetLatestBalances("main")!.Rows.Should().Equal(new BalanceRow(Domain.Asset.Usd, 5, 4, 1));
        store.GetLatestBalances("other").Should().BeNull();
    }

    [Fact]
    public void Runs_list_newest_first_with_unique_ids()
    {
        using var store = _temp.Open();
        var a = store.StartRun();
        var b = store.StartRun();          // same clock instant: still a distinct id
        _temp.Clock.Advance(TimeSpan.FromMinutes(1));
        var c = store.StartRun();

        b.Id.Should().NotBe(a.Id);
        store.ListRuns(2).Select(r => r.Id).Should().Equal(c.Id, b.Id);
        store.ListRuns(10).Should().OnlyContain(r => r.Status == RunStatus.Running);
        var act = () => store.FinishRun("nope", RunStatus.Failed, [], []);
        act.Should().Throw<ArgumentException>();
    }
}

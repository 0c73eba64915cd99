using PortfolioSync.Domain;

namespace PortfolioSync.Store.Tests;

public sealed class LedgerSumsTests : IDisposable
{
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Ledger_sums_follow_inserts_and_re_mapped_records()
    {
        using var store = _temp.Open();
        store.CommitPage(Records.Page(new long[] { 1, 2, 3 }));

        // 3 × (+0.5 BTC, −10000 USD, fee 2.5 USD)
        store.GetLedgerBalances("main").Should().BeEquivalentTo(new Dictionary<Asset, decimal> { [Asset.Btc] = 1.5m, [Asset.Usd] = -30007.5m });

        store.CommitPage(Records.Page(Records.Mapped(2, extra: ", \"note\": 1", btc: 2m)));   // record 2 changed: +2 BTC now

        store.GetLedgerBalances("main")[Asset.Btc].Should().Be(3m);
        store.GetLedgerBalances("main")[Asset.Usd].Should().Be(-30007.5m);
        store.Verify().Should().BeEmpty();
    }

    [Fact]
    public void The_ledger_span_holds_the_first_and_last_instant_and_every_asset()
    {
        using var store = _temp.Open();
        store.GetLedgerSpan().First.Should().BeNull();

        store.CommitPage(Records.Page(new long[] { 10, 20 }));

        var span = store.GetLedgerSpan();
        span.First.Should().Be(Records.Entry(10).At);
        span.Last.Should().Be(Records.Entry(20).At);
        span.Assets.Should().BeEquivalentTo([Asset.Btc, Asset.Usd]);
    }

    [Fact]
    public void Detail_records_are_kept_raw_and_neither_mapped_nor_counted_as_unmapped()
    {
        using var store = _temp.Open();
        var page = new PageCommit("main", "crypto_transactions", "run-1",
            [PageRecord.Detail(7, "{\"id\": 7, \"txid\": \"ab\"}"), PageRecord.Detail(-99, "{\"txid\": \"cd\"}")]);

        var result = store.CommitPage(page);

        result.Inserted.Should().Be(2);
        result.Unmapped.Should().Be(0);
        store.CountRecords().Should().ContainSingle(c => c.Stream == "crypto_transactions").Which.Unmapped.Should().Be(0);
        store.ListFlagged().Should().BeEmpty();
        store.GetRaw("main/crypto_transactions/-99")!.Json.Should().Be("{\"txid\": \"cd\"}");
        store.Verify().Should().BeEmpty();
        store.CommitPage(page).Unchanged.Should().Be(2);
    }

    [Fact]
    public void A_detail_record_cannot_carry_a_ledger_entry()
    {
        var act = () => new PageRecord(1, "{}", Records.Entry(1), null, IsDetail: true);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Ledger_documents_written_with_a_document_per_leg_are_still_read()
    {
        using var store = _temp.Open();
        var entry = Records.Entry(3);
        store.Database.GetCollection("ledger").Insert(new LiteDB.BsonDocument
        {
            ["_id"] = entry.Id, ["account"] = entry.Account, ["at"] = entry.At.ToUnixTimeTicks(), ["kind"] = "Trade",
            ["legs"] = new LiteDB.BsonArray(entry.Legs.Select(l => (LiteDB.BsonValue)new LiteDB.BsonDocument { ["asset"] = l.Asset.Code, ["qty"] = l.Quantity })),
            ["fee"] = new LiteDB.BsonDocument { ["asset"] = entry.Fee!.Value.Asset.Code, ["qty"] = entry.Fee.Value.Amount },
            ["xid"] = entry.ExternalId, ["order"] = entry.OrderId!.Value, ["src"] = entry.SourceKey,
        });

        store.GetEntry(entry.Id).Should().Be(entry);
    }
}

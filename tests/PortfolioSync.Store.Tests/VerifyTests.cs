using LiteDB;

namespace PortfolioSync.Store.Tests;

/// <summary>Each test damages a healthy store one way (through LiteDB directly) and expects Verify to name it.</summary>
public sealed class VerifyTests : IDisposable
{
    private readonly TempStore _temp = new();
    private readonly PortfolioStore _store;

    public VerifyTests()
    {
        _store = _temp.Open();
        _store.CommitPage(Records.Page(Records.Mapped(1), Records.Mapped(2), Records.Mapped(3),
            PageRecord.Unmapped(4, "{\"id\": 4}", "unknown type")));
        _store.CommitPage(Records.Page(Records.Mapped(2, ", \"v\": 2")));
    }

    public void Dispose()
    {
        _store.Dispose();
        _temp.Dispose();
    }

    private ILiteCollection<BsonDocument> Col(string name) => _store.Database.GetCollection(name);

    /// <summary>The problems found, except the ledger-sum disagreement that damaging the ledger by hand also causes
    /// (its own test below).</summary>
    private IReadOnlyList<StoreProblem> Problems() => _store.Verify().Where(p => p.Kind != StoreProblemKind.Sums).ToList();

    [Fact]
    public void A_healthy_store_has_no_problems() => Problems().Should().BeEmpty();

    [Fact]
    public void A_raw_record_neither_mapped_nor_flagged_is_reported()
    {
        var doc = Col("raw").FindById("main/user_transactions/4");
        doc["problem"] = BsonValue.Null;
        Col("raw").Update(doc);
        Col("raw_flags").Delete("main/user_transactions/4");

        Problems().Should().ContainSingle().Which.Should().Be(new StoreProblem(StoreProblemKind.NotMapped,
            "main/user_transactions/4", "raw record has neither a ledger entry nor an unmapped flag"));
    }

    [Fact]
    public void A_key_that_does_not_match_its_fields_is_reported_as_a_possible_duplicate()
    {
        var doc = Col("raw").FindById("main/user_transactions/3");
        doc["_id"] = "main/user_transactions/003";
        Bson.RawBson.AddChecksum(doc, current: true);   // a consistent document under the wrong key
        Col("raw").Insert(doc);

        Problems().Select(p => (p.Kind, p.Key)).Should().Contain((StoreProblemKind.BadKey, "main/user_transactions/003"));
    }

    [Fact]
    public void A_missing_ledger_entry_is_reported()
    {
        Col("ledger").Delete("bitstamp:main:1");

        Problems().Should().ContainSingle().Which.Should().BeEquivalentTo(new { Kind = StoreProblemKind.MissingEntry, Key = "main/user_transactions/1" });
    }

    [Fact]
    public void A_ledger_entry_without_its_raw_source_is_reported()
    {
        var e = Bson.LedgerBson.FromDocument(Col("ledger").FindById("bitstamp:main:1"));
        Col("ledger").Insert(Bson.LedgerBson.ToDocument(new Domain.Ledger.LedgerEntry("bitstamp:main:999", e.Account, e.At, e.Kind,
            e.Legs, e.Fee, 999, e.OrderId, "main/user_transactions/999")));

        Problems().Should().ContainSingle().Which.Should().BeEquivalentTo(new { Kind = StoreProblemKind.OrphanEntry, Key = "bitstamp:main:999" });
    }

    [Fact]
    public void A_raw_record_claimed_by_two_entries_is_reported()
    {
        var doc = Col("ledger").FindById("bitstamp:main:1");
        doc["_id"] = "bitstamp:main:1b";
        Bson.LedgerBson.AddChecksum(doc);   // a consistent document, one too many
        Col("ledger").Insert(doc);

        Problems().Should().ContainSingle().Which.Should().BeEquivalentTo(new { Kind = StoreProblemKind.MappedTwice, Key = "bitstamp:main:1b" });
    }

    [Fact]
    public void A_ledger_entry_whose_body_is_damaged_is_reported_and_reading_the_ledger_names_it()
    {
        var doc = Col("ledger").FindById("bitstamp:main:3");
        var body = doc["e"].AsBinary;
        doc["e"] = body[..(body.Length - 5)];   // cut short
        Col("ledger").Update(doc);

        Problems().Should().Contain(p => p.Kind == StoreProblemKind.Unreadable && p.Key == "bitstamp:main:3"
            && p.Message.Contains("checksum does not match"));
        var read = () => _store.ReadLedger();
        read.Should().Throw<StoreException>().WithMessage($"the store {_temp.FilePath} is damaged: ledger entry 'bitstamp:main:3' cannot be read (*checksum*verify*");
        Bson.LedgerBson.AddChecksum(doc);   // damage that kept a matching checksum is still caught by the body's own checks
        Col("ledger").Update(doc);
        Problems().Should().Contain(p => p.Kind == StoreProblemKind.Unreadable && p.Key == "bitstamp:main:3" && p.Message.Contains("ends early"));
    }

    [Fact]
    public void A_ledger_document_of_the_older_shape_with_a_field_of_the_wrong_type_is_reported_not_thrown()
    {
        var doc = Bson.LedgerBson.ToFieldDocument(Bson.LedgerBson.FromDocument(Col("ledger").FindById("bitstamp:main:2")));
        doc["legs"] = "BTC 0.5";   // not an array
        Col("ledger").Update(doc);

        Problems().Should().Contain(p => p.Kind == StoreProblemKind.Unreadable && p.Key == "bitstamp:main:2");
        var read = () => _store.ReadLedger("main");
        read.Should().Throw<StoreException>().WithMessage("*ledger entry 'bitstamp:main:2' cannot be read*");
    }

    [Fact]
    public void A_flag_list_out_of_step_with_the_raw_records_is_reported()
    {
        Col("raw_flags").Delete("main/user_transactions/4");
        Col("raw_flags").Insert(new BsonDocument { ["_id"] = "main/user_transactions/1", ["problem"] = "x" });

        Problems().Select(p => (p.Kind, p.Key)).Should().BeEquivalentTo(new[]
        {
            (StoreProblemKind.Flag, "main/user_transactions/1"), (StoreProblemKind.Flag, "main/user_transactions/4"),
        });
    }

    [Fact]
    public void A_lost_superseded_version_is_reported()
    {
        Col("raw_versions").Delete("main/user_transactions/2#1");

        Problems().Select(p => (p.Kind, p.Key)).Should().BeEquivalentTo(new[]
        {
            (StoreProblemKind.Version, "main/user_transactions/2"), (StoreProblemKind.Cursor, "main/user_transactions"),
        });
    }

    [Fact]
    public void A_cursor_ahead_of_the_stored_data_is_reported()
    {
        var doc = Col("cursors").FindById("main/user_transactions");
        doc["last"] = 100L;
        Col("cursors").Update(doc);

        Problems().Should().ContainSingle().Which.Message.Should().Contain("ahead");
    }

    [Fact]
    public void A_cursor_behind_the_stored_data_is_reported()
    {
        _store.CommitPage(new PageCommit("main", "user_transactions", "r", [], new PageCursor(2, null)));

        Problems().Should().ContainSingle().Which.Message.Should().Contain("behind");
    }

    [Fact]
    public void Stream_counts_that_disagree_with_the_data_are_reported()
    {
        var doc = Col("cursors").FindById("main/user_transactions");
        doc["n"] = 17L;
        Col("cursors").Update(doc);

        Problems().Should().ContainSingle().Which.Message.Should().Contain("17 records");
    }

    [Fact]
    public void A_missing_index_or_wrong_schema_version_is_reported()
    {
        Col("ledger").DropIndex("at");
        Col("meta").Update(new BsonDocument { ["_id"] = "schema", ["version"] = 0 });

        Problems().Select(p => (p.Kind, p.Key)).Should().BeEquivalentTo(new[]
        {
            (StoreProblemKind.Schema, "schema"), (StoreProblemKind.Schema, "ledger.at"),
        });
    }

    [Fact]
    public void A_maintained_ledger_sum_that_disagrees_with_the_ledger_is_reported()
    {
        var sums = _store.Database.GetCollection("ledger_sums");
        var doc = sums.FindAll().First();
        doc["sum"] = doc["sum"].AsDecimal + 1m;
        sums.Update(doc);

        _store.Verify().Should().ContainSingle().Which.Should().BeEquivalentTo(new { Kind = StoreProblemKind.Sums, Key = doc["_id"].AsString });
    }
}

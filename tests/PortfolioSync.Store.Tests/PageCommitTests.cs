using PortfolioSync.Domain.Ledger;

namespace PortfolioSync.Store.Tests;

public sealed class PageCommitTests : IDisposable
{
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_new_page_stores_raw_ledger_and_cursor()
    {
        using var store = _temp.Open();

        var result = store.CommitPage(Records.Page([1, 2, 3]));

        result.Should().Be(result with { Inserted = 3, Unchanged = 0, Changed = 0, Unmapped = 0, Remapped = 0 });
        store.ReadRaw("main", "user_transactions").Select(r => r.ExternalId).Should().Equal(1, 2, 3);
        store.ReadLedger().Select(e => e.ExternalId).Should().Equal(1, 2, 3);
        var cursor = store.GetCursor("main", "user_transactions")!;
        cursor.LastExternalId.Should().Be(3);
        cursor.LastTimestamp.Should().Be(Records.Entry(3).At);
        cursor.RunId.Should().Be("run-1");
        store.Verify().Should().BeEmpty();
    }

    [Fact]
    public void Committing_the_same_page_again_changes_nothing()
    {
        using var store = _temp.Open();
        store.CommitPage(Records.Page([1, 2, 3]));
        var before = Export(store);

        var again = store.CommitPage(Records.Page([1, 2, 3]));

        again.Should().Be(again with { Inserted = 0, Unchanged = 3, Changed = 0, Remapped = 0 });
        Export(store).Should().Be(before);
        store.GetRaw("main/user_transactions/2")!.Version.Should().Be(1);
        store.Verify().Should().BeEmpty();
    }

    [Fact]
    public void An_overlapping_page_inserts_only_what_is_new()
    {
        using var store = _temp.Open();
        store.CommitPage(Records.Page([1, 2, 3]));

        var result = store.CommitPage(Records.Page([3, 4, 5]));

        result.Should().Be(result with { Inserted = 2, Unchanged = 1 });
        store.CountRecords().Single().Should().Be(new StreamCount("main", "user_transactions", 5, 0, 0, 5));
        store.Verify().Should().BeEmpty();
    }

    [Fact]
    public void A_changed_record_keeps_both_versions_and_its_entry_is_remapped()
    {
        using var store = _temp.Open();
        store.CommitPage(Records.Page(Records.Mapped(1), Records.Mapped(2)));
        _temp.Clock.Advance(TimeSpan.FromHours(24));

        var result = store.CommitPage(new PageCommit("main", "user_transactions", "run-2", [Records.Mapped(2, ", \"fixed\": 1", btc: 0.75m)]));

        result.Changed.Should().Be(1);
        result.ChangedKeys.Should().Equal("main/user_transactions/2");
        var versions = store.GetVersions("main/user_transactions/2");
        versions.Select(v => (v.Version, v.IsCurrent, v.RunId)).Should().Equal((1, false, "run-1"), (2, true, "run-2"));
        versions[0].Json.Should().Be(Records.Json(2));
        versions[1].Json.Should().Be(Records.Json(2, ", \"fixed\": 1"));
        store.GetEntry("bitstamp:main:2")!.Legs[0].Quantity.Should().Be(0.75m);
        store.CountLedger().Should().Be(2);
        store.ListChangedKeys().Should().Equal("main/user_transactions/2");
        store.CountRecords().Single().SupersededVersions.Should().Be(1);
        store.Verify().Should().BeEmpty();

        store.CommitPage(Records.Page(Records.Mapped(2, ", \"fixed\": 2")));
        store.GetVersions("main/user_transactions/2").Select(v => v.Version).Should().Equal(1, 2, 3);
        store.Verify().Should().BeEmpty();
    }

    [Fact]
    public void A_record_changed_twice_within_one_page_keeps_every_version()
    {
        using var store = _temp.Open();

        var result = store.CommitPage(Records.Page(Records.Mapped(1), Records.Mapped(1, ", \"b\": 1"), Records.Mapped(1)));

        result.Should().Be(result with { Inserted = 1, Changed = 2 });
        store.GetVersions("main/user_transactions/1").Select(v => v.Version).Should().Equal(1, 2, 3);
        store.GetRaw("main/user_transactions/1")!.Json.Should().Be(Records.Json(1));
        store.Verify().Should().BeEmpty();
    }

    [Fact]
    public void An_unmapped_record_is_kept_raw_and_flagged_and_can_be_mapped_later()
    {
        using var store = _temp.Open();

        var result = store.CommitPage(Records.Page(Records.Mapped(1), PageRecord.Unmapped(2, "{\"id\": 2, \"type\": \"99\"}", "unknown type 99")));

        result.Should().Be(result with { Inserted = 2, Unmapped = 1 });
        var flagged = store.ListFlagged().Single();
        flagged.Should().BeEquivalentTo(new { Key = "main/user_transactions/2", EntryId = (string?)null, Problem = "unknown type 99" });
        store.CountLedger().Should().Be(1);
        store.CountRecords().Single().Unmapped.Should().Be(1);
        store.Verify().Should().BeEmpty();

        // A later mapper understands it: same raw, now mapped.
        var remap = store.CommitPage(Records.Page(PageRecord.Mapped(Records.Entry(2), "{\"id\": 2, \"type\": \"99\"}")));

        remap.Should().Be(remap with { Unchanged = 1, Remapped = 1, Unmapped = 0 });
        store.ListFlagged().Should().BeEmpty();
        store.CountLedger().Should().Be(2);
        store.CountRecords().Single().Unmapped.Should().Be(0);
        store.Verify().Should().BeEmpty();
    }

    [Fact]
    public void A_mapped_record_may_carry_a_problem_and_is_listed_as_flagged()
    {
        using var store = _temp.Open();
        var unknown = Records.Entry(3, kind: EntryKind.Unknown);

        store.CommitPage(Records.Page(new PageRecord(3, Records.Json(3), unknown, "type 42 not understood")));

        store.ListFlagged().Single().Should().BeEquivalentTo(new { EntryId = unknown.Id, Problem = "type 42 not understood" });
        store.CountRecords().Single().Unmapped.Should().Be(0);
        store.Verify().Should().BeEmpty();
    }

    [Fact]
    public void An_entry_id_already_used_by_another_record_becomes_an_unmapped_flag_not_a_lost_record()
    {
        using var store = _temp.Open();
        store.CommitPage(Records.Page([10]));
        var clash = Records.Entry(10, stream: "crypto_transactions");   // same id bitstamp:main:10, other source

        var result = store.CommitPage(new PageCommit("main", "crypto_transactions", "run-1", [PageRecord.Mapped(clash, "{\"id\": 10}")]));

        result.Should().Be(result with { Inserted = 1, Unmapped = 1 });
        store.GetRaw("main/crypto_transactions/10")!.Problem.Should().Contain("already used by raw record 'main/user_transactions/10'");
        store.GetEntry("bitstamp:main:10")!.SourceKey.Should().Be("main/user_transactions/10");
        store.Verify().Should().BeEmpty();
    }

    [Fact]
    public void An_exception_before_commit_leaves_nothing_of_the_page()
    {
        var explode = false;
        var options = new StoreOptions { Time = _temp.Clock, BeforePageCommit = _ => { if (explode) throw new InvalidOperationException("boom"); } };
        using var store = _temp.Open(options);
        store.CommitPage(Records.Page([1, 2]));
        var before = Export(store);
        explode = true;

        var act = () => store.CommitPage(Records.Page(Records.Mapped(2, ", \"changed\": true"), Records.Mapped(3), PageRecord.Unmapped(4, "{}", "bad")));

        act.Should().Throw<InvalidOperationException>().WithMessage("boom");
        Export(store).Should().Be(before);
        store.GetCursor("main", "user_transactions")!.LastExternalId.Should().Be(2);
        store.ListFlagged().Should().BeEmpty();
        store.Verify().Should().BeEmpty();

        explode = false;
        store.CommitPage(Records.Page([3])).Inserted.Should().Be(1);
        store.Verify().Should().BeEmpty();
    }

    [Fact]
    public void An_explicit_cursor_is_stored_as_given()
    {
        using var store = _temp.Open();
        store.CommitPage(new PageCommit("main", "user_transactions", "run-1", [Records.Mapped(1)], new PageCursor(1, Records.Base)));
        store.GetCursor("main", "user_transactions")!.LastTimestamp.Should().Be(Records.Base);

        store.CommitPage(new PageCommit("main", "user_transactions", "run-1", [], null));
        store.GetCursor("main", "user_transactions")!.LastExternalId.Should().Be(1);
    }

    [Fact]
    public void An_entry_that_does_not_belong_to_its_record_is_refused_before_anything_is_written()
    {
        using var store = _temp.Open();
        var wrong = PageRecord.Mapped(Records.Entry(1, stream: "other"), Records.Json(1));

        var act = () => store.CommitPage(Records.Page(wrong));

        act.Should().Throw<ArgumentException>().WithMessage("*main/user_transactions/1*source key*");
        store.CountRecords().Should().BeEmpty();
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("")]
    public void Account_names_that_would_break_keys_are_refused(string account)
    {
        var act = () => new PageCommit(account, "user_transactions", "run-1", []);
        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Keys_are_case_sensitive()
    {
        using var store = _temp.Open();
        store.CommitPage(new PageCommit("Main", "user_transactions", "r", [Records.Mapped(1, account: "Main")]));
        store.CommitPage(new PageCommit("main", "user_transactions", "r", [Records.Mapped(1)]));
        store.CountRecords().Should().HaveCount(2);
        store.CountLedger().Should().Be(2);
        store.Verify().Should().BeEmpty();
    }

    private static string Export(PortfolioStore store)
    {
        var w = new StringWriter();
        store.CanonicalExport(w);
        return w.ToString();
    }
}

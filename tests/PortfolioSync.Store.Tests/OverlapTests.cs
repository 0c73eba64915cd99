namespace PortfolioSync.Store.Tests;

/// <summary>Re-sent records (overlap window, --full) are found by a key-range scan; these cover its edges.</summary>
public sealed class OverlapTests : IDisposable
{
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    private static IEnumerable<long> Range(long from, long to) => Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => (long)i);

    [Fact]
    public void A_large_overlap_is_recognised_as_unchanged_without_rewriting_anything()
    {
        using var store = _temp.Open();
        store.CommitPage(Records.Page(Range(1000, 1999)));
        var before = Export(store);

        var result = store.CommitPage(Records.Page(Range(1500, 2499)));

        result.Should().Be(result with { Inserted = 500, Unchanged = 500, Changed = 0, Remapped = 0 });
        store.CountRecords().Single().Records.Should().Be(1500);
        store.Verify().Should().BeEmpty();
        store.CommitPage(Records.Page(Range(1000, 1999))).Should().Match<PageCommitResult>(r => r.Unchanged == 1000 && r.Remapped == 0);
        Export(store).Should().StartWith(before[..before.IndexOf("main/user_transactions/1999", StringComparison.Ordinal)]);
    }

    [Fact]
    public void Ids_of_different_lengths_in_one_page_are_all_found()
    {
        using var store = _temp.Open();
        store.CommitPage(Records.Page(Range(90, 120)));

        var result = store.CommitPage(Records.Page(Range(90, 130)));

        result.Should().Be(result with { Inserted = 10, Unchanged = 31 });
        store.Verify().Should().BeEmpty();
    }

    [Fact]
    public void Shorter_ids_inside_the_key_range_do_not_confuse_the_scan()
    {
        using var store = _temp.Open();
        store.CommitPage(Records.Page(Range(100, 199)));          // "101" sorts between "1000" and "1010"
        store.CommitPage(Records.Page(Range(1000, 1050)));

        var page = Range(1000, 1010).Select(x => x == 1005 ? Records.Mapped(x, ", \"c\": 1") : Records.Mapped(x)).ToArray();
        var result = store.CommitPage(Records.Page(page));

        result.Should().Be(result with { Inserted = 0, Unchanged = 10, Changed = 1 });
        store.GetVersions("main/user_transactions/1005").Should().HaveCount(2);
        store.GetVersions("main/user_transactions/101").Should().HaveCount(1);
        store.Verify().Should().BeEmpty();
    }

    [Fact]
    public void A_sparse_page_over_a_dense_key_range_falls_back_to_lookups_past_the_scan_limit()
    {
        using var store = _temp.Open();
        store.CommitPage(Records.Page(Range(1000, 1999)));

        var sparse = Range(0, 9).Select(i => 1000 + i * 100).Select(x => x % 200 == 0 ? Records.Mapped(x, ", \"c\": 1") : Records.Mapped(x)).ToArray();
        var result = store.CommitPage(Records.Page([.. sparse, Records.Mapped(2001)]));

        result.Should().Be(result with { Inserted = 1, Unchanged = 5, Changed = 5 });
        store.CountRecords().Single().Should().Be(new StreamCount("main", "user_transactions", 1001, 0, 5, 2001));
        store.Verify().Should().BeEmpty();
    }

    [Fact]
    public void An_unchanged_record_whose_mapping_changed_gets_the_new_entry()
    {
        using var store = _temp.Open();
        store.CommitPage(Records.Page(Range(1, 20)));

        // Same JSON, but the mapper now reads 0.25 BTC for record 7 (a mapper fix).
        var page = Range(1, 20).Select(x => x == 7 ? PageRecord.Mapped(Records.Entry(7, btc: 0.25m), Records.Json(7)) : Records.Mapped(x)).ToArray();
        var result = store.CommitPage(Records.Page(page));

        result.Should().Be(result with { Unchanged = 20, Changed = 0, Remapped = 1 });
        store.GetEntry("bitstamp:main:7")!.Legs[0].Quantity.Should().Be(0.25m);
        store.GetVersions("main/user_transactions/7").Should().ContainSingle();
        store.Verify().Should().BeEmpty();
    }

    private static string Export(PortfolioStore store)
    {
        var w = new StringWriter();
        store.CanonicalExport(w);
        return w.ToString();
    }
}

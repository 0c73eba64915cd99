using PortfolioSync.Domain.Ledger;
using PortfolioSync.Store.Bson;

namespace PortfolioSync.Store.Tests;

/// <summary>
/// Schema 7: the ledger cache that whole-ledger reads use is written at the end of a run, used only while no page commit
/// has changed the ledger since, and never trusted when it does not read back intact.
/// </summary>
public sealed class LedgerCacheTests : IDisposable
{
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Small chunks, so that a few hundred entries make a cache of several documents.</summary>
    private PortfolioStore Open() => _temp.Open(new StoreOptions { Time = _temp.Clock, LedgerCacheChunkBytes = 4096 });

    private static IEnumerable<long> Fingerprints(IEnumerable<LedgerEntry> entries) => entries.Select(LedgerBson.Fingerprint);

    [Fact]
    public void A_refreshed_cache_reads_back_exactly_the_scanned_ledger_in_order_and_a_second_refresh_writes_nothing()
    {
        using var store = Open();
        store.StartRun();
        store.CommitPage(Records.Page(Enumerable.Range(1, 400).Select(i => (long)i)));
        store.LedgerCacheUsable().Should().BeFalse("no run has written the cache yet");

        store.RefreshLedgerCache().Should().BeTrue();
        store.Database.GetCollection("ledger_cache").Count().Should().BeGreaterThan(3, "400 entries at 4 KiB per chunk");
        store.LedgerCacheUsable().Should().BeTrue();
        var read = store.ReadLedger();
        read.Should().HaveCount(400);
        Fingerprints(read).Should().Equal(Fingerprints(store.ScanLedger()));
        read.Select(e => e.Id).Should().Equal(store.ScanLedger().Select(e => e.Id));
        store.RefreshLedgerCache().Should().BeFalse("the ledger did not change");
        store.Verify().Should().BeEmpty();
    }

    [Fact]
    public void An_entry_with_a_quote_and_one_without_round_trip_through_the_store_and_its_cache()
    {
        using var store = Open();
        store.StartRun();
        var quoted = Records.Entry(1) with { Quote = Domain.Asset.Usd };
        var plain = Records.Entry(2, kind: EntryKind.Deposit);
        store.CommitPage(Records.Page(PageRecord.Mapped(quoted, Records.Json(1)), PageRecord.Mapped(plain, Records.Json(2))));

        store.ScanLedger().Should().Equal(quoted, plain);
        store.ScanLedger()[0].Quote.Should().Be(Domain.Asset.Usd);
        store.RefreshLedgerCache().Should().BeTrue();
        store.LedgerCacheUsable().Should().BeTrue();
        var cached = store.ReadLedger();
        cached.Should().Equal(quoted, plain);
        cached[0].Quote.Should().Be(Domain.Asset.Usd);
        cached[1].Quote.Should().BeNull();
        store.Verify().Should().BeEmpty();

        // The same record re-sent without its quote is a change: the entry is rewritten.
        store.CommitPage(Records.Page(PageRecord.Mapped(Records.Entry(1), Records.Json(1))));
        store.ReadLedger()[0].Quote.Should().BeNull();
    }

    [Fact]
    public void A_page_commit_after_the_refresh_makes_the_cache_stale_so_the_read_scans_until_the_next_refresh()
    {
        using var store = Open();
        store.StartRun();
        store.CommitPage(Records.Page([1L, 2, 3]));
        store.RefreshLedgerCache();

        store.CommitPage(Records.Page([4L]));   // as a sync killed before its end would leave it
        store.LedgerCacheUsable().Should().BeFalse();
        store.ReadLedger().Select(e => e.ExternalId).Should().Equal(1, 2, 3, 4);

        store.CommitPage(Records.Page(Records.Mapped(2, extra: ", \"x\": 1", btc: 0.75m)));   // a changed record rewrites its entry
        store.ReadLedger().Single(e => e.ExternalId == 2).Legs.Should().Contain(l => l.Quantity == 0.75m);
        store.Verify().Should().BeEmpty("a stale cache is not used, so it is not a problem");

        store.RefreshLedgerCache().Should().BeTrue();
        store.LedgerCacheUsable().Should().BeTrue();
        Fingerprints(store.ReadLedger()).Should().Equal(Fingerprints(store.ScanLedger()));
    }

    [Fact]
    public void A_damaged_cache_is_not_used_the_read_gives_the_ledger_from_its_own_documents_and_verify_lists_it()
    {
        using var store = Open();
        store.StartRun();
        store.CommitPage(Records.Page(Enumerable.Range(1, 200).Select(i => (long)i)));
        store.RefreshLedgerCache();
        var cache = store.Database.GetCollection("ledger_cache");
        var chunk = cache.FindById("chunk/000001");
        var bytes = chunk["e"].AsBinary;
        bytes[100] ^= 0x01;
        chunk["e"] = bytes;
        cache.Update(chunk);

        store.LedgerCacheUsable().Should().BeFalse();
        Fingerprints(store.ReadLedger()).Should().Equal(Fingerprints(store.ScanLedger()));
        store.Verify().Should().ContainSingle().Which.Should().Match<StoreProblem>(p =>
            p.Kind == StoreProblemKind.Unreadable && p.Key == "ledger_cache" && p.Message.Contains("does not read back intact"));
    }

    [Fact]
    public void Verify_lists_a_current_cache_that_differs_from_the_ledger_written_behind_the_version()
    {
        using var store = Open();
        store.StartRun();
        store.CommitPage(Records.Page([1L, 2, 3]));
        store.RefreshLedgerCache();
        // A ledger document rewritten whole (valid checksum) without a page commit: only a comparison can see it.
        var ledger = store.Database.GetCollection("ledger");
        ledger.Update(LedgerBson.ToDocument(Records.Entry(2, btc: 9m)));

        store.Verify().Should().Contain(p => p.Kind == StoreProblemKind.Unreadable && p.Key == "ledger_cache"
            && p.Message.Contains("entry 'bitstamp:main:2' differs from its cached copy"));
    }

    [Fact]
    public void A_ledger_above_the_size_limit_gets_no_cache_and_one_that_grows_past_it_loses_its_cache()
    {
        using var store = _temp.Open(new StoreOptions { Time = _temp.Clock, LedgerCacheMaxEntries = 3 });
        store.StartRun();
        store.CommitPage(Records.Page([1L, 2, 3]));
        store.RefreshLedgerCache().Should().BeTrue("3 records: at the limit");
        store.CommitPage(Records.Page([4L]));

        store.RefreshLedgerCache().Should().BeFalse();
        store.Database.GetCollection("ledger_cache").Count().Should().Be(0, "a cache past the limit is removed, not left stale");
        store.LedgerCacheUsable().Should().BeFalse();
        store.ReadLedger().Select(e => e.ExternalId).Should().Equal(1, 2, 3, 4);
        store.Verify().Should().BeEmpty();
    }

    [Fact]
    public void Without_room_for_it_the_cache_is_not_written_the_reads_scan_and_with_room_the_next_refresh_writes_it()
    {
        var mount = Path.Combine(_temp.Folder, "small");
        Directory.CreateDirectory(mount);
        Shell("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount);
        try
        {
            using var store = PortfolioStore.Open(Path.Combine(mount, "store.db"), new StoreOptions { Time = _temp.Clock });
            store.StartRun();
            store.CommitPage(Records.Page(Enumerable.Range(1, 300).Select(i => (long)i)));
            var free = StoreFaults.FreeBytes(store.Path)!.Value;
            var filler = Path.Combine(mount, "filler");
            File.WriteAllBytes(filler, new byte[free - 64 * 1024]);   // 64 KiB left: less than the cache's margin

            store.RefreshLedgerCache().Should().BeFalse("there is no room for it");
            store.LedgerCacheUsable().Should().BeFalse();
            store.ReadLedger().Should().HaveCount(300);

            File.Delete(filler);
            store.RefreshLedgerCache().Should().BeTrue();
            store.LedgerCacheUsable().Should().BeTrue();
            store.Verify().Should().BeEmpty();
        }
        finally
        {
            Shell("umount", "-l", mount);
        }
    }

    private static void Shell(string file, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(file) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(start)!;
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)}: {error}");
    }

    [Fact]
    public void A_read_only_open_reads_the_cache_and_a_store_upgraded_from_schema_6_scans_until_its_first_run_ends()
    {
        using (var store = Open())
        {
            store.StartRun();
            store.CommitPage(Records.Page([1L, 2]));
            store.RefreshLedgerCache();
        }
        using (var reader = _temp.Open(new StoreOptions { Time = _temp.Clock, ReadOnly = true }))
        {
            reader.LedgerCacheUsable().Should().BeTrue();
            reader.RefreshLedgerCache().Should().BeFalse("a read-only store writes nothing");
            reader.ReadLedger().Should().HaveCount(2);
        }
    }
}

using NodaTime;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Pricing;
using PortfolioSync.Store.Bson;
using Xunit.Abstractions;

namespace PortfolioSync.Store.Tests;

/// <summary>
/// Damage in every page of a store file, one page at a time (issue 13, "the store that never hangs or lies"): the
/// normal reads either give the intact store's data or fail with damage that the CLI names; they never give other data
/// as if nothing were wrong, and never fail with an error the CLI cannot name. Salvage (verify's listing, repair) never
/// fails with anything but a damaged-store error, invents no record, and lists what it cannot read.
/// </summary>
public sealed class DamageSweepTests(ITestOutputHelper output) : IDisposable
{
    private const int PageSize = 8192;   // LiteDB 5's page
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Damage_in_any_page_gives_the_intact_data_a_listed_problem_or_named_damage_never_other_data()
    {
        // Every collection written: mapped, unmapped, detail and changed records (versions), cursors, prices, balances,
        // runs, sums and a ledger cache of several chunks.
        using (var store = _temp.Open(new StoreOptions { Time = _temp.Clock, LedgerCacheChunkBytes = 4096 }))
        {
            var run = store.StartRun();
            store.CommitPage(Records.Page(Enumerable.Range(1, 150).Select(i => (long)i)));
            store.CommitPage(Records.Page(
                PageRecord.Unmapped(151, Records.Json(151, ", \"type\": \"99\""), "unknown type 99"),
                PageRecord.Detail(152, Records.Json(152)),
                Records.Mapped(5, extra: ", \"x\": 1", btc: 0.75m)));
            store.UpsertPrices(Enumerable.Range(0, 60).Select(d => new DailyPrice("btcusd", new CurrencyPair(Asset.Btc, Asset.Usd),
                new LocalDate(2024, 1, 1).PlusDays(d), 40000 + d, 41000 + d, 39000 + d, 40500 + d, "bitstamp")).ToList());
            store.WriteBalances(Records.Account, run.Id, Records.Base, [new BalanceRow(Asset.Btc, 2, 2, 0)]);
            store.RefreshLedgerCache().Should().BeTrue();
            store.FinishRun(run.Id, RunStatus.Succeeded, [new AccountRunResult(Records.Account, 152, 0, 0, 1, null)], []);
        }
        var bytes = File.ReadAllBytes(_temp.FilePath);
        var intact = ReadWhole(_temp.FilePath, out var failed);
        failed.Should().BeNull();
        var intactRaw = PortfolioStore.Salvage(_temp.FilePath).Raw.ToDictionary(r => r.Key, r => r.Json, StringComparer.Ordinal);
        intactRaw.Should().HaveCount(152);

        var copy = Path.Combine(_temp.Folder, "damaged.db");
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var pages = bytes.Length / PageSize;
        pages.Should().BeGreaterThan(20);
        for (var page = 1; page < pages; page++)
        {
            // Two places per page: its header (type, links, counts) and a spot in its content that moves with the page.
            foreach (var (at, length) in new[] { (8, 16), (32 + (int)((uint)(page * 2654435761u) % (PageSize - 32 - 64)), 64) })
            {
                var damaged = (byte[])bytes.Clone();
                for (var i = 0; i < length; i++) damaged[page * PageSize + at + i] ^= 0x5A;
                File.Delete(copy);
                File.WriteAllBytes(copy, damaged);
                var where = $"page {page} (type {bytes[page * PageSize + 4]}) at {at}";

                // The normal reads run on a thread of their own that ends with them: LiteDB 5.0.20's shared mode keeps the
                // file's named mutex on the thread of a read that failed inside it (docs/store.md), which a thread's exit
                // gives back. Salvage then runs on this thread, which stays alive for the check that it holds nothing.
                string? failure = null;
                var read = OnOwnThread(() => ReadWhole(copy, out failure));
                if (read is not null && !read.StartsWith("problems:", StringComparison.Ordinal))
                    read.Should().Be(intact, $"{where}: reads that complete with no problem found give the intact data");

                var salvaged = Salvage(copy, where);
                if (salvaged is { } s)
                {
                    foreach (var r in s.Raw)
                        intactRaw.Should().ContainKey(r.Key, where).WhoseValue.Should().Be(r.Json, $"{where}: salvage invents nothing");
                    if (failure is not null)
                        s.AllDamage.Should().NotBeEmpty($"{where}: the reads failed ({failure}), so salvage lists what it cannot read");
                    if (read is not null && !read.StartsWith("problems:", StringComparison.Ordinal))
                        s.AllDamage.Should().BeEmpty($"{where}: verify found nothing, so salvage finds nothing either");
                }
                // Only a read that fails inside LiteDB can keep its mutex: checked wherever salvage met a failure.
                if (salvaged is null || salvaged.AllDamage.Any())
                    OpensFromAnotherThread(copy).Should().BeTrue(
                        $"{where}: salvage holds nothing of the file (LiteDB's named mutex) after it ends, so the next command of the process is not kept waiting");
                var outcome = (read is null ? "damage named" : read.StartsWith("problems:", StringComparison.Ordinal) ? "problems listed" : "intact data")
                    + (salvaged is null ? ", salvage: cannot open" : salvaged.AllDamage.Any() ? ", salvage lists damage" : ", salvage reads all");
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
        }
        foreach (var (outcome, n) in outcomes.OrderBy(o => o.Key, StringComparer.Ordinal)) output.WriteLine($"{n,4} {outcome}");
        outcomes.Keys.Should().Contain(k => k.StartsWith("damage named", StringComparison.Ordinal), "some pages hold what every read needs");
    }

    /// <summary>
    /// What a report, value or verify reads, as one text: null when the reads fail with damage the CLI names (the test
    /// fails on any other exception); "problems: …" when <see cref="PortfolioStore.Verify"/> finds any.
    /// </summary>
    private string? ReadWhole(string path, out string? failure)
    {
        failure = null;
        try
        {
            if (!StoreFaults.TryRead(() =>
                {
                    using var store = PortfolioStore.Open(path, new StoreOptions { Time = _temp.Clock, ReadOnly = true });
                    var problems = store.Verify();
                    if (problems.Count > 0) return "problems: " + string.Join("; ", problems);
                    var text = new StringWriter();
                    store.CanonicalExport(text);
                    text.WriteLine(string.Join(",", store.ReadLedger().Select(LedgerBson.Fingerprint)));
                    text.WriteLine(string.Join(",", store.ReadPrices().Select(p => $"{p.Pair}/{p.Market}/{p.Date}/{p.Close}")));
                    text.WriteLine(store.GetLatestBalances(Records.Account)?.Rows.Single().Total);
                    text.WriteLine(string.Join(",", store.ListRuns(10).Select(r => r.Status)));
                    return text.ToString();
                }, out var read, out var damage))
            {
                StoreFaults.Classify(path, damage).Should().NotBeNull($"the CLI names {damage.GetType().Name} as damage").And
                    .Match<StoreException>(e => e.Failure == StoreFailure.Damaged);
                failure = $"{damage.GetType().Name}: {damage.Message}";
                return null;
            }
            return read;
        }
        catch (StoreException e) when (e.Failure == StoreFailure.Damaged)
        {
            failure = e.Message;
            return null;
        }
    }

    /// <summary>
    /// Whether another thread of this process can open the file in shared mode (as the CLI's next command would) within
    /// a few seconds, whatever that open then finds. A read that leaves LiteDB's named mutex owned by its thread makes
    /// every other thread wait until that thread exits.
    /// </summary>
    private static bool OpensFromAnotherThread(string path)
    {
        var probe = new Thread(() => StoreFaults.TryRead(() =>
        {
            using var db = new LiteDB.LiteDatabase(new LiteDB.ConnectionString { Filename = path, Connection = LiteDB.ConnectionType.Shared, ReadOnly = true });
            return db.GetCollectionNames().Count();
        }, out _, out _)) { IsBackground = true };
        probe.Start();
        return probe.Join(TimeSpan.FromSeconds(5));
    }

    private static T OnOwnThread<T>(Func<T> work)
    {
        var result = default(T)!;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try { result = work(); }
            catch (Exception e) { error = e; }   // handed to the test thread below
        });
        thread.Start();
        thread.Join();
        if (error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        return result;
    }

    private static SalvageResult? Salvage(string path, string where)
    {
        try
        {
            return PortfolioStore.Salvage(path);
        }
        catch (StoreException e)
        {
            e.Failure.Should().Be(StoreFailure.Damaged, where);
            return null;
        }
    }
}

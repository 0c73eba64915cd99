using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using NodaTime;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Store;

namespace PortfolioSync.Benchmarks;

/// <summary>
/// Page commits of the store on a real LiteDB file (docs/store.md, "Performance"):
///   dotnet run -c Release --project tests/PortfolioSync.Benchmarks -- --filter '*StoreBenchmarks*'
/// One invocation per iteration: each CommitNewPage iteration commits the next 1,000-record page (1,000 raw + 1,000
/// ledger documents + cursor) into a store that already holds <see cref="Preloaded"/> records.
/// The million-record load (total time, peak RSS, file size) is the <c>scenario store-load</c> whole-process run.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 25, invocationCount: 1)]
[MinColumn, MedianColumn, MaxColumn]
public class StoreBenchmarks
{
    private const int PageSize = 1000;
    private const string Account = "main";
    private const string Stream = "user_transactions";
    private static readonly Instant Start = Instant.FromUtc(2024, 1, 1, 0, 0);
    private string _folder = "";
    private string _path = "";
    private PortfolioStore _store = null!;
    private PageCommit _next = null!;
    private int _page;

    [Params(50_000)]
    public int Preloaded { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "store-bench-" + Guid.NewGuid().ToString("N"));
        _path = Path.Combine(_folder, "portfoliosync.db");
        _store = PortfolioStore.Open(_path, new StoreOptions { Time = TimeProvider.System });
        for (_page = 0; _page * PageSize < Preloaded; _page++) _store.CommitPage(Page(_page));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [IterationSetup(Target = nameof(CommitNewPage))]
    public void NextPage() => _next = Page(_page++);

    [Benchmark(Description = "CommitPage: 1,000 new records")]
    public PageCommitResult CommitNewPage() => _store.CommitPage(_next);

    [Benchmark(Description = "CommitPage: 1,000 unchanged records (nightly overlap)")]
    public PageCommitResult CommitUnchangedPage() => _store.CommitPage(Page(1));

    [Benchmark(Description = "Open + read cursor + close")]
    public long? OpenReadCursorClose()
    {
        using var store = PortfolioStore.Open(_path, new StoreOptions { Time = TimeProvider.System });
        return store.GetCursor(Account, Stream)?.LastExternalId;
    }

    private static PageCommit Page(int page)
    {
        var records = new List<PageRecord>(PageSize);
        for (var i = 0; i < PageSize; i++)
        {
            var xid = 100_000_000L + (long)page * PageSize + i;
            var at = Start + Duration.FromSeconds(xid - 100_000_000L) + Duration.FromTicks(1230);
            var json = $"{{\"id\": {xid}, \"datetime\": \"2024-01-01 00:00:00.000123\", \"type\": \"2\", \"fee\": \"0.15000000\", \"usd\": \"-61.23\", \"btc\": \"0.00100000\", \"btc_usd\": \"61234.56\", \"eur\": 0.0, \"order_id\": {xid * 3}}}";
            var entry = new LedgerEntry(LedgerEntry.BitstampId(Account, xid), Account, at, EntryKind.Trade,
                [new Leg(Asset.Btc, 0.001m), new Leg(Asset.Usd, -61.23m)], new Money(0.15m, Asset.Usd), xid, xid * 3,
                RawKey.Of(Account, Stream, xid));
            records.Add(PageRecord.Mapped(entry, json));
        }
        return new PageCommit(Account, Stream, "bench", records);
    }
}

using System.Diagnostics;
using System.Globalization;
using NodaTime;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Store;

namespace PortfolioSync.Benchmarks.Scenarios;

/// <summary>
/// The store's share of the 1M-record sync, without HTTP:
///   scenario store-load [--accounts 5] [--records 200000] [--page 1000] [--path FILE]
///     commits accounts × records in pages into a fresh store; prints median/p90 ms per page commit, total, peak RSS,
///     file size, then the open time of the full store and the time of a nightly no-op pass.
///   scenario store-verify --path FILE
///   scenario store-backup --path FILE [--runs 5]
///     the copy a sync takes before it writes (StoreBackups.Rotate, keep 3): median and each run, file size.
///   scenario store-migrate8 --path FILE
///     the upgrade to schema 8 (each trade's quote, TradeQuoteBackfill) of a store-load store, whose trades have no
///     quote: sets its schema back to 7, opens it (the migration runs), prints the time and checks every trade's quote.
///   scenario store-nightly --path FILE [--accounts 5] [--page 1000]
///     one process: open, read cursors, re-commit each account's last page (nothing new), close.
/// </summary>
internal static class StoreLoadScenario
{
    private const string Stream = "user_transactions";
    private static readonly Instant Start = Instant.FromUtc(2020, 1, 1, 0, 0);

    public static int Backup(string[] args)
    {
        var path = OptionText(args, "--path") ?? throw new InvalidOperationException("--path FILE is required");
        var runs = Option(args, "--runs", 5);
        var times = new List<double>();
        using (var store = PortfolioStore.Open(path, new StoreOptions { Time = TimeProvider.System }))
        {
            for (var i = 0; i < runs; i++)
            {
                var t = Stopwatch.StartNew();
                if (StoreBackups.Rotate(store, 3) is { } skipped) throw new InvalidOperationException(skipped);
                times.Add(t.Elapsed.TotalSeconds);
                Console.WriteLine(Invariant($"backup {i + 1}: {times[^1]:F2} s"));
            }
        }
        var sorted = times.Order().ToList();
        Console.WriteLine(Invariant($"store {new FileInfo(path).Length / 1048576.0:F0} MiB; backup (checkpoint + copy + rotate) median {sorted[sorted.Count / 2]:F2} s over {runs} runs ({string.Join(", ", times.Select(x => x.ToString("F2", CultureInfo.InvariantCulture)))})"));
        return 0;
    }

    public static int Load(string[] args)
    {
        var accounts = Option(args, "--accounts", 5);
        var records = Option(args, "--records", 200_000);
        var pageSize = Option(args, "--page", 1000);
        var path = OptionText(args, "--path") ?? Path.Combine(Path.GetTempPath(), $"store-load-{Environment.ProcessId}", "portfoliosync.db");
        if (File.Exists(path)) throw new InvalidOperationException($"{path} exists; the load wants a fresh store");

        var wall = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var commits = new List<double>();
        using (var store = PortfolioStore.Open(path, new StoreOptions { Time = TimeProvider.System }))
        {
            // Round-robin over accounts, like a sync that interleaves them; each page is built before timing its commit.
            for (var page = 0; page * pageSize < records; page++)
                for (var a = 0; a < accounts; a++)
                {
                    var commit = Page(a, page, pageSize);
                    var t = Stopwatch.GetTimestamp();
                    store.CommitPage(commit);
                    commits.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    if (commits.Count % 100 == 0)
                        Console.WriteLine($"{commits.Count} pages, {wall.Elapsed.TotalSeconds:F1} s, last page {commits[^1]:F1} ms, rss {Rss()} MB");
                }
        }
        var loadTime = wall.Elapsed;
        var loadCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var loadPeak = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576;
        commits.Sort();
        var openTimer = Stopwatch.StartNew();
        double verifySeconds;
        using (var store = PortfolioStore.Open(path, new StoreOptions { Time = TimeProvider.System }))
        {
            var opened = openTimer.Elapsed;
            var cursors = store.ListCursors();
            Console.WriteLine(Invariant($"open of the loaded store: {opened.TotalMilliseconds:F0} ms (+ list {cursors.Count} cursors: {openTimer.Elapsed.TotalMilliseconds:F0} ms)"));
            var v = Stopwatch.StartNew();
            var problems = store.Verify();
            verifySeconds = v.Elapsed.TotalSeconds;
            Console.WriteLine(Invariant($"verify: {problems.Count} problems in {verifySeconds:F1} s"));
        }
        var size = new FileInfo(path).Length + (File.Exists(LogPath(path)) ? new FileInfo(LogPath(path)).Length : 0);
        Console.WriteLine(Invariant(
            $"records {accounts * records:N0} in {commits.Count} pages of {pageSize}: load {loadTime.TotalSeconds:F1} s wall ({loadCpu.TotalSeconds:F1} s CPU, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}), commit sum {commits.Sum() / 1000:F1} s, median {commits[commits.Count / 2]:F1} ms, p90 {commits[commits.Count * 9 / 10]:F1} ms, max {commits[^1]:F1} ms per page; peak RSS {loadPeak} MB during the load, {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB with verify; file {size / 1048576.0:F0} MiB ({path})"));
        return 0;
    }

    public static int Nightly(string[] args)
    {
        var accounts = Option(args, "--accounts", 5);
        var pageSize = Option(args, "--page", 1000);
        var path = OptionText(args, "--path") ?? throw new ArgumentException("--path FILE is required");
        var wall = Stopwatch.StartNew();
        using (var store = PortfolioStore.Open(path, new StoreOptions { Time = TimeProvider.System }))
        {
            var opened = wall.Elapsed;
            for (var a = 0; a < accounts; a++)
            {
                var last = store.GetCursor(Account(a), Stream)?.LastExternalId ?? 0;
                var page = (int)((last - FirstId - a) / Accounts / pageSize);
                var result = store.CommitPage(Page(a, page, pageSize));
                if (result.Inserted + result.Changed != 0) throw new InvalidOperationException("the nightly pass found new records");
            }
            Console.WriteLine(Invariant($"open {opened.TotalMilliseconds:F0} ms, {accounts} no-op pages of {pageSize}: {(wall.Elapsed - opened).TotalMilliseconds:F0} ms"));
        }
        Console.WriteLine(Invariant($"nightly no-op pass: {wall.Elapsed.TotalMilliseconds:F0} ms in-process; peak RSS {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB"));
        return 0;
    }

    private const long FirstId = 100_000_000;
    private const int Accounts = 16;   // id spacing: room for up to 16 accounts

    /// <summary><c>scenario store-verify --path FILE</c>: one process opens the store and runs Verify.</summary>
    public static int Migrate8(string[] args)
    {
        var path = OptionText(args, "--path") ?? throw new ArgumentException("--path FILE is required");
        using (var db = new LiteDB.LiteDatabase(new LiteDB.ConnectionString { Filename = path, Connection = LiteDB.ConnectionType.Direct,
                   Collation = new LiteDB.Collation(CultureInfo.InvariantCulture.LCID, CompareOptions.Ordinal) }))
        {
            var meta = db.GetCollection("meta");
            var schema = meta.FindById("schema");
            schema["version"] = 7;
            meta.Update(schema);
        }
        var size = new FileInfo(path).Length / 1048576;
        var wall = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        int trades;
        using (var store = PortfolioStore.Open(path, new StoreOptions
               {
                   Time = TimeProvider.System,
                   OnMigration = (v, d) => Console.WriteLine(Invariant($"migration {v}: {d}")),
               }))
        {
            var open = wall.Elapsed.TotalSeconds;
            var cpuUsed = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            var ledger = store.ScanLedger();
            var missing = ledger.Count(e => e.Kind == EntryKind.Trade && e.Quote is null);
            trades = ledger.Count(e => e.Kind == EntryKind.Trade);
            Console.WriteLine(Invariant($"store {size} MiB, {ledger.Count:N0} entries ({trades:N0} trades): open with migration 8 {open:F1} s wall, {cpuUsed:F1} cpu-s; peak RSS {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB; trades without a quote after it: {missing}"));
            if (missing > 0) return 1;
        }
        return 0;
    }

    public static int Verify(string[] args)
    {
        var path = OptionText(args, "--path") ?? throw new ArgumentException("--path FILE is required");
        var wall = Stopwatch.StartNew();
        using var store = PortfolioStore.Open(path, new StoreOptions { Time = TimeProvider.System });
        var problems = store.Verify();
        Console.WriteLine(Invariant($"verify: {problems.Count} problems in {wall.Elapsed.TotalSeconds:F1} s; peak RSS {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB"));
        return problems.Count == 0 ? 0 : 1;
    }

    private static string Account(int a) => Invariant($"acct{a}");

    /// <summary>Page <paramref name="page"/> of account <paramref name="a"/>: Bitstamp-like trade JSON and its entry.</summary>
    private static PageCommit Page(int a, int page, int size)
    {
        var account = Account(a);
        var list = new List<PageRecord>(size);
        for (var i = 0; i < size; i++)
        {
            // Bitstamp ids are global and grow with time: accounts interleave in one 9-digit sequence.
            var xid = FirstId + ((long)page * size + i) * Accounts + a;
            var at = Start + Duration.FromSeconds(page * size + i) + Duration.FromTicks(xid % 10_000_000);
            var btc = (xid % 100_000) / 10_000_000m;
            var usd = -Math.Round(btc * 61_234.56m, 2);
            var json = Invariant(
                $"{{\"id\": {xid}, \"datetime\": \"{at.ToDateTimeUtc():yyyy-MM-dd HH:mm:ss.ffffff}\", \"type\": \"2\", \"fee\": \"0.15000000\", \"usd\": \"{usd}\", \"btc\": \"{btc}\", \"btc_usd\": \"61234.56\", \"eur\": 0.0, \"order_id\": {xid * 3}}}");
            var entry = new LedgerEntry(LedgerEntry.BitstampId(account, xid), account, at, EntryKind.Trade,
                [new Leg(Asset.Btc, btc), new Leg(Asset.Usd, usd)], new Money(0.15m, Asset.Usd), xid, xid * 3, RawKey.Of(account, Stream, xid));
            list.Add(PageRecord.Mapped(entry, json));
        }
        return new PageCommit(account, Stream, "bench-run", list);
    }

    private static long Rss() => Process.GetCurrentProcess().WorkingSet64 / 1048576;

    private static string LogPath(string path) => Path.ChangeExtension(path, null) + "-log" + Path.GetExtension(path);

    private static int Option(string[] args, string name, int fallback) =>
        OptionText(args, name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    private static string? OptionText(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

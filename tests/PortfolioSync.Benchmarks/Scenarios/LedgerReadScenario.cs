using System.Diagnostics;
using System.Globalization;
using PortfolioSync.Store;

namespace PortfolioSync.Benchmarks.Scenarios;

/// <summary>
/// How long reading a whole store's ledger takes (what <c>report</c> and <c>value</c> do first):
///   scenario ledger-read --path FILE [--runs 3]
/// First brings the ledger cache up to date (schema 7: what the end of a sync run does) and prints how long that took,
/// then times each run's <c>ReadLedger()</c> (from the cache) and <c>ScanLedger()</c> (one document per entry).
/// </summary>
internal static class LedgerReadScenario
{
    public static int Run(string[] args)
    {
        var path = args.SkipWhile(a => a != "--path").Skip(1).FirstOrDefault() ?? throw new ArgumentException("--path FILE");
        var runs = int.Parse(args.SkipWhile(a => a != "--runs").Skip(1).FirstOrDefault() ?? "3", CultureInfo.InvariantCulture);
        if (args.Contains("--probe"))
        {
            foreach (var mode in new[] { LiteDB.ConnectionType.Shared, LiteDB.ConnectionType.Direct })
            {
                var c = Stopwatch.StartNew();
                using var db = new LiteDB.LiteDatabase(new LiteDB.ConnectionString { Filename = path, Connection = mode,
                    Collation = new LiteDB.Collation(CultureInfo.InvariantCulture.LCID, CompareOptions.Ordinal) });
                var n = 0L;
                foreach (var d in db.GetCollection("ledger").FindAll()) n += d.Count;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mode}: FindAll {n} fields in {c.Elapsed.TotalSeconds:0.00} s"));
                c.Restart();
                var last = LiteDB.BsonValue.MinValue; n = 0;
                while (true)
                {
                    var docs = db.GetCollection("ledger").Find(LiteDB.Query.GT("_id", last), 0, 10_000).ToList();
                    n += docs.Count;
                    if (docs.Count < 10_000) break;
                    last = docs[^1]["_id"];
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mode}: batched {n} docs in {c.Elapsed.TotalSeconds:0.00} s"));
            }
            return 0;
        }
        var refresh = Stopwatch.StartNew();
        using (var writable = PortfolioStore.Open(path, new StoreOptions { Time = TimeProvider.System, LedgerCacheMaxEntries = int.MaxValue }))
        {
            var wrote = writable.RefreshLedgerCache();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ledger cache {(wrote ? "written" : "already current")} in {refresh.Elapsed.TotalSeconds:0.00} s (open and migrations included); file {new FileInfo(path).Length / 1048576} MiB"));
        }
        var times = new List<double>();
        var scans = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            int count;
            using (var store = PortfolioStore.Open(path, new StoreOptions { Time = TimeProvider.System, ReadOnly = true }))
            {
                if (!store.LedgerCacheUsable()) throw new InvalidOperationException("the ledger cache is not usable");
                clock.Restart();
                count = store.ReadLedger().Count;
            }
            clock.Stop();
            times.Add(clock.Elapsed.TotalSeconds);
            var scan = Stopwatch.StartNew();
            using (var store = PortfolioStore.Open(path, new StoreOptions { Time = TimeProvider.System, ReadOnly = true }))
                store.ScanLedger();
            scans.Add(scan.Elapsed.TotalSeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {i + 1}: {count:N0} entries from the cache in {times[^1]:0.00} s, scanned in {scans[^1]:0.00} s, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB; GCs so far gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}, paused {GC.GetTotalPauseDuration().TotalSeconds:0.00} s"));
        }
        times.Sort();
        scans.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median: cache {times[times.Count / 2]:0.00} s, scan {scans[scans.Count / 2]:0.00} s"));
        return 0;
    }
}

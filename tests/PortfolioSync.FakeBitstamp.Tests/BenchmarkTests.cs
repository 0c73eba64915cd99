using System.Diagnostics;
using System.Globalization;
using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.FakeBitstamp.Generation;
using PortfolioSync.FakeBitstamp.Tests.Support;
using Xunit.Abstractions;

namespace PortfolioSync.FakeBitstamp.Tests;

/// <summary>
/// The figures of docs/benchmarks.md. Run: <c>PORTFOLIOSYNC_BENCH=1 dotnet test tests/PortfolioSync.FakeBitstamp.Tests
/// -c Release --filter FullyQualifiedName~BenchmarkTests --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class BenchmarkTests(ITestOutputHelper output)
{
    [BenchmarkFact]
    public async Task A_million_record_account_is_generated_held_and_paged_within_budget()
    {
        // Generation: one account with 1,000,000 records.
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var data = SampleDataGenerator.Generate(new GeneratorOptions { Records = 1_000_000, Seed = 7, Accounts = 1 });
        var generateSeconds = watch.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var held = GC.GetTotalMemory(forceFullCollection: true) - before;
        Report($"generate 1,000,000 records: {generateSeconds:F2} s wall, {cpuSeconds:F2} s CPU; held {held / 1e6:F0} MB (managed, after full GC)");

        // Write and load the folder, as `fake-server --data` does.
        using var dir = new TempDir();
        watch.Restart();
        data.WriteTo(dir.Path);
        var writeSeconds = watch.Elapsed.TotalSeconds;
        var beforeLoad = GC.GetTotalMemory(forceFullCollection: true);
        watch.Restart();
        var loaded = ServerData.Load(dir.Path);
        var loadSeconds = watch.Elapsed.TotalSeconds;
        var heldLoaded = GC.GetTotalMemory(forceFullCollection: true) - beforeLoad;
        Report($"write folder: {writeSeconds:F2} s ({new FileInfo(dir.Combine("main", "user_transactions.json")).Length / 1e6:F0} MB); load + validate: {loadSeconds:F2} s, held {heldLoaded / 1e6:F0} MB");

        var (median, p95) = await PageLatencyAsync(loaded, "main", 300);
        Report($"1,000,000-record account, since_id page of 1000 (signed POST, loopback): median {median:F2} ms, p95 {p95:F2} ms");

        var small = SampleDataGenerator.Generate(new GeneratorOptions { Records = 200_000, Seed = 7, Accounts = 1 });
        var (median2, p952) = await PageLatencyAsync(small, "main", 300);
        Report($"200,000-record account, since_id page of 1000: median {median2:F2} ms, p95 {p952:F2} ms");
        Report($"process peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB");

        generateSeconds.Should().BeLessThan(20);
        held.Should().BeLessThan(1_000_000_000);
        median.Should().BeLessThan(20);
        GC.KeepAlive(data);
    }

    private static async Task<(double Median, double P95)> PageLatencyAsync(ServerData data, string account, int pages)
    {
        await using var h = await Harness.StartAsync(data);
        var a = data.Account(account);
        var random = new Random(1);
        var times = new List<double>();
        for (var i = -20; i < pages; i++)
        {
            var since = a.Transactions[random.Next(a.Transactions.Count)].Id;
            var request = h.Signed(a, "/api/v2/user_transactions/", $"since_id={since}&limit=1000&sort=asc");
            var watch = Stopwatch.StartNew();
            using var response = await h.Http.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            if (i >= 0) times.Add(watch.Elapsed.TotalMilliseconds);
            response.IsSuccessStatusCode.Should().BeTrue();
            body.Length.Should().BeGreaterThan(2);
        }

        times.Sort();
        return (times[times.Count / 2], times[(int)(times.Count * 0.95)]);
    }

    private void Report(string line) => output.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}

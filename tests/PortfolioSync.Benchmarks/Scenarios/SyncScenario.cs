using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using PortfolioSync.FakeBitstamp;
using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.FakeBitstamp.Generation;

namespace PortfolioSync.Benchmarks.Scenarios;

/// <summary>
/// The whole sync as a user runs it: the local Bitstamp-compatible server (in this process) serving generated
/// accounts, and the real <c>portfoliosync sync</c> in a child process under <c>/usr/bin/time -v</c>, into a fresh store,
/// then nightly runs with nothing new.
///   scenario sync [--records 1000000] [--accounts 5] [--runs 3] [--nightly 5] [--parallel 5] [--rps 100]
/// Prints wall time and peak RSS of each child run, and the medians.
/// </summary>
internal static partial class SyncScenario
{
    public static int Run(string[] args)
    {
        var records = Option(args, "--records", 1_000_000);
        var accounts = Option(args, "--accounts", 5);
        var runs = Option(args, "--runs", 3);
        var nightly = Option(args, "--nightly", 5);
        var parallel = Option(args, "--parallel", 5);
        var rps = Option(args, "--rps", 100);
        var cli = Path.Combine(RepoRoot(), "src", "PortfolioSync.Cli", "bin", "Release", "net10.0", "portfoliosync.dll");
        if (!File.Exists(cli)) throw new FileNotFoundException("build the CLI in Release first: dotnet build -c Release src/PortfolioSync.Cli", cli);

        var clock = Stopwatch.StartNew();
        var data = SampleDataGenerator.Generate(new GeneratorOptions { Records = records, Accounts = accounts, Seed = 1 });
        Console.WriteLine(Invariant($"generated {data.RecordCount:N0} records in {accounts} accounts ({string.Join(", ", data.Accounts.Select(a => $"{a.Name} {a.Transactions.Count:N0}"))}) in {clock.Elapsed.TotalSeconds:0.0} s"));
        var server = FakeBitstampServer.StartAsync(new FakeServerOptions(data) { Time = TimeProvider.System, RateLimit = RateLimitSettings.Unlimited }, CancellationToken.None)
            .GetAwaiter().GetResult();

        var full = new List<(double Wall, long RssKb)>();
        var quiet = new List<(double Wall, long RssKb)>();
        for (var run = 1; run <= runs; run++)
        {
            var dir = Directory.CreateTempSubdirectory("psync-bench-").FullName;
            try
            {
                var config = WriteConfig(dir, server, parallel, rps);
                var first = Child(cli, config, server);
                full.Add(first);
                Console.WriteLine(Invariant($"full sync {run}: {first.Wall:0.0} s wall, peak RSS {first.RssKb / 1024} MB, store {new FileInfo(Path.Combine(dir, "portfoliosync.db")).Length / 1048576} MiB"));
                for (var n = 0; n < nightly && run == 1; n++)
                {
                    var again = Child(cli, config, server);
                    quiet.Add(again);
                    Console.WriteLine(Invariant($"nightly {n + 1}: {again.Wall:0.00} s wall, peak RSS {again.RssKb / 1024} MB"));
                }
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        Console.WriteLine(Invariant($"median full sync {Median(full.Select(f => f.Wall)):0.0} s, peak RSS {Median(full.Select(f => (double)f.RssKb)) / 1024:0} MB; median nightly {Median(quiet.Select(q => q.Wall)):0.00} s, peak RSS {Median(quiet.Select(q => (double)q.RssKb)) / 1024:0} MB (load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})"));
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return 0;
    }

    private static (double Wall, long RssKb) Child(string cli, string config, FakeBitstampServer server)
    {
        var start = new ProcessStartInfo("/usr/bin/time") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-v", "dotnet", cli, "sync", "--config", config, "--quiet" }) start.ArgumentList.Add(a);
        foreach (var account in server.Data.Accounts)
        {
            start.Environment[$"K_{Env(account)}"] = account.Key;
            start.Environment[$"S_{Env(account)}"] = account.Secret;
        }
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        clock.Stop();
        _ = stdout.Result;
        if (process.ExitCode != 0) throw new InvalidOperationException($"sync exited {process.ExitCode}: {stderr}");
        var rss = long.Parse(MaxRss().Match(stderr).Groups[1].Value, CultureInfo.InvariantCulture);
        return (clock.Elapsed.TotalSeconds, rss);
    }

    private static string WriteConfig(string dir, FakeBitstampServer server, int parallel, int rps)
    {
        var accounts = server.Data.Accounts.Select(a => $$"""{ "name": "{{a.Name}}", "key": "env:K_{{Env(a)}}", "secret": "env:S_{{Env(a)}}" }""");
        var path = Path.Combine(dir, "config.json");
        File.WriteAllText(path, $$"""
            { "baseCurrency": "GBP", "jurisdiction": "uk", "store": "portfoliosync.db", "baseUrl": "{{server.BaseUrl}}",
              "requestsPerSecond": {{rps}}, "parallelAccounts": {{parallel}}, "accounts": [ {{string.Join(",", accounts)}} ] }
            """);
        return path;
    }

    private static string Env(AccountData a) => a.Name.ToUpperInvariant().Replace('-', '_');

    private static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToList();
        return v.Count == 0 ? double.NaN : v[v.Count / 2];
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PortfolioSync.sln"))) return dir.FullName;
        throw new InvalidOperationException("PortfolioSync.sln not found");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Maximum resident set size \(kbytes\): (\d+)")]
    private static partial Regex MaxRss();
}

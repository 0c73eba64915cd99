using System.Diagnostics;
using PortfolioSync.FakeBitstamp;
using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.FakeBitstamp.Generation;
using PortfolioSync.Store;
using Xunit.Abstractions;

namespace PortfolioSync.EndToEnd.Tests;

/// <summary>
/// The real <c>portfoliosync sync</c> process, killed with SIGKILL at seeded points while it fetches and commits,
/// then run again: the store it ends with is the same as an uninterrupted run's, with nothing twice and nothing lost.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_sync_killed_at_seeded_points_and_resumed_ends_with_the_store_of_an_uninterrupted_run()
    {
        var data = SampleDataGenerator.Generate(new GeneratorOptions { Records = 24_000, Accounts = 3, Seed = 2024 });
        await using var server = await FakeBitstampServer.StartAsync(new FakeServerOptions(data) { Time = TimeProvider.System, RateLimit = RateLimitSettings.Unlimited }, CancellationToken.None);
        using var work = new TempFolder();

        // The uninterrupted run syncs from its own server (same data) beside the killed runs: the kill points count
        // the requests that reach `server`, so it must not share that one.
        await using var referenceServer = await FakeBitstampServer.StartAsync(new FakeServerOptions(data) { Time = TimeProvider.System, RateLimit = RateLimitSettings.Unlimited }, CancellationToken.None);
        var reference = Path.Combine(work.Path, "reference");
        // It runs in-process (the same program, CliApp.RunAsync): only the killed runs need a process of their own.
        var referenceRun = Task.Run(() => RunSyncInProcess(referenceServer, reference));

        var resumed = Path.Combine(work.Path, "resumed");
        var random = new Random(7);
        var kills = 0;
        var requests = 0;
        for (var attempt = 0; attempt < 40 && kills < 12; attempt++)
        {
            // Seeded points along the run: after 1–4 more requests, then 0–60 ms more (mid-page or mid-commit).
            requests = random.Next(1, 5);
            var delay = random.Next(0, 60);
            var exit = await RunSync(server, resumed, requests, delay);
            if (exit is null) kills++;
            else
            {
                exit.Should().Be(0, "a run that was not killed completes");
                break;   // the run finished before the kill point: the store is complete
            }
        }
        (await referenceRun).Should().Be(0);
        var expected = Export(reference);
        output.WriteLine($"{kills} kills");
        kills.Should().BeGreaterThanOrEqualTo(10);
        (await RunSync(server, resumed, killAfterRequests: null, killDelayMs: 0)).Should().Be(0);

        Export(resumed).Should().Be(expected);
        using var store = PortfolioStore.Open(Path.Combine(resumed, "portfoliosync.db"), new StoreOptions { Time = TimeProvider.System });
        store.Verify().Should().BeEmpty();
        var runs = store.ListRuns(100);
        runs.Should().NotContain(r => r.Status == RunStatus.Running, "a run cut short is marked when the next one starts");
        runs.Count(r => r.Errors.Any(e => e.StartsWith("interrupted", StringComparison.Ordinal))).Should().Be(kills);
        foreach (var account in data.Accounts)
            store.CountLedger(account.Name).Should().Be(account.Transactions.Count, "nothing twice, nothing missing");
        server.ForbiddenCalls.Should().BeEmpty();
    }

    /// <summary>The uninterrupted run: the same program and config, in this process.</summary>
    private static async Task<int> RunSyncInProcess(FakeBitstampServer server, string folder)
    {
        var config = WriteConfig(server, folder);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in server.Data.Accounts)
        {
            variables[$"K_{Env(a)}"] = a.Key;
            variables[$"S_{Env(a)}"] = a.Secret;
        }
        var (code, _, error) = await InProcessCli.RunAsync(["sync", "--config", config, "--quiet"], folder, variables);
        code.Should().Be(0, error);
        return code;
    }

    private static string WriteConfig(FakeBitstampServer server, string folder)
    {
        Directory.CreateDirectory(folder);
        var config = Path.Combine(folder, "config.json");
        var accounts = server.Data.Accounts.Select(a =>
            $$"""{ "name": "{{a.Name}}", "key": "env:K_{{Env(a)}}", "secret": "env:S_{{Env(a)}}" }""");
        File.WriteAllText(config, $$"""
            { "baseCurrency": "GBP", "jurisdiction": "uk", "store": "portfoliosync.db", "baseUrl": "{{server.BaseUrl}}",
              "requestsPerSecond": 100, "accounts": [ {{string.Join(",", accounts)}} ] }
            """);
        return config;
    }

    /// <summary>Runs the CLI; returns its exit code, or null when it was killed.</summary>
    private async Task<int?> RunSync(FakeBitstampServer server, string folder, int? killAfterRequests, int killDelayMs)
    {
        var config = WriteConfig(server, folder);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { RepoPaths.CliDll, "sync", "--config", config, "--quiet" }) start.ArgumentList.Add(arg);
        foreach (var a in server.Data.Accounts)
        {
            start.Environment[$"K_{Env(a)}"] = a.Key;
            start.Environment[$"S_{Env(a)}"] = a.Secret;
        }
        var baseline = server.Requests.Total;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (killAfterRequests is { } n)
        {
            while (!process.HasExited && server.Requests.Total < baseline + n) await Task.Delay(1);
            if (killDelayMs > 0) await Task.Delay(killDelayMs);
            if (!process.HasExited)
            {
                process.Kill();   // SIGKILL on Linux: no cleanup, no finally blocks
                await process.WaitForExitAsync();
                output.WriteLine($"killed after {server.Requests.Total - baseline} requests (+{killDelayMs} ms)");
                return null;
            }
        }
        await process.WaitForExitAsync();
        output.WriteLine($"exit {process.ExitCode}: {await stderr}");
        _ = await stdout;
        return process.ExitCode;
    }

    private static string Env(AccountData a) => a.Name.ToUpperInvariant().Replace('-', '_');

    private static string Export(string folder)
    {
        using var store = PortfolioStore.Open(Path.Combine(folder, "portfoliosync.db"), new StoreOptions { Time = TimeProvider.System });
        var writer = new StringWriter();
        store.CanonicalExport(writer);
        return writer.ToString();
    }
}

public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("psync-e2e-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}

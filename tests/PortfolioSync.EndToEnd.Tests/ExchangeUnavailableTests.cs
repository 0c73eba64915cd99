using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PortfolioSync.FakeBitstamp;
using PortfolioSync.FakeBitstamp.Generation;
using Xunit.Abstractions;

namespace PortfolioSync.EndToEnd.Tests;

/// <summary>
/// The real <c>portfoliosync sync</c> process when the exchange cannot be used at all (issue 19): it fails in seconds
/// with the real cause, says what it waits for while it retries, and exits 7 because no account completed.
/// </summary>
public sealed class ExchangeUnavailableTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_closed_port_fails_fast_with_connection_refused_says_what_it_waits_for_and_exits_7()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        using var work = new TempFolder();
        var clock = Stopwatch.StartNew();

        var (exit, stdout, stderr) = await RunSync(work, new Uri($"http://127.0.0.1:{port}"));

        clock.Stop();
        output.WriteLine($"exit {exit} in {clock.Elapsed.TotalSeconds:0.0} s\n{stdout}\n{stderr}");
        exit.Should().Be(7, "nothing completed");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60), "not 22 minutes");
        stderr.Should().Contain("error: Bitstamp account 'main': network unreachable").And.Contain("Connection refused")
            .And.Contain($"127.0.0.1:{port}").And.NotContain("circuit open");
        stderr.Should().Contain("error: Bitstamp account 'dca-bot'");
        stdout.Should().Contain("main: ").And.Contain("Connection refused").And.Contain("before retry 1 of");
    }

    [Fact]
    public async Task The_exchange_firewall_and_maintenance_each_say_so_and_exit_7_while_one_good_account_makes_it_3()
    {
        var data = SampleDataGenerator.Generate(new GeneratorOptions { Records = 400, Accounts = 2, Seed = 3 });
        await using var server = await FakeBitstampServer.StartAsync(new FakeServerOptions(data)
        {
            Time = TimeProvider.System,
            RateLimit = RateLimitSettings.Unlimited,
            Faults = new FaultSettings { FirewallHtmlStatus = 403 },
        }, CancellationToken.None);
        using var work = new TempFolder();

        var (blocked, _, blockedErr) = await RunSync(work, server.BaseUrl, data);
        blocked.Should().Be(7);
        blockedErr.Should().Contain("blocked by Bitstamp's firewall").And.Contain("VPN");

        server.Faults = new FaultSettings { Maintenance = true };
        var (maintenance, _, maintenanceErr) = await RunSync(work, server.BaseUrl, data);
        maintenance.Should().Be(7);
        maintenanceErr.Should().Contain("under scheduled maintenance");

        server.Faults = FaultSettings.None;
        var (partial, _, partialErr) = await RunSync(work, server.BaseUrl, data, wrongSecretFor: data.Accounts[1].Name);
        output.WriteLine(partialErr);
        partial.Should().Be(3, "one account completed, the other failed");
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunSync(TempFolder work, Uri baseUrl,
        FakeBitstamp.Data.ServerData? data = null, string? wrongSecretFor = null)
    {
        var names = data?.Accounts.Select(a => a.Name).ToArray() ?? ["main", "dca-bot"];
        var config = Path.Combine(work.Path, "config.json");
        var accounts = names.Select(n => $$"""{ "name": "{{n}}", "key": "env:K_{{Env(n)}}", "secret": "env:S_{{Env(n)}}" }""");
        await File.WriteAllTextAsync(config, $$"""
            { "baseCurrency": "GBP", "jurisdiction": "uk", "store": "portfoliosync.db", "baseUrl": "{{baseUrl}}",
              "accounts": [ {{string.Join(",", accounts)}} ] }
            """);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { RepoPaths.CliDll, "sync", "--config", config }) start.ArgumentList.Add(arg);
        foreach (var name in names)
        {
            var account = data?.Account(name);
            start.Environment[$"K_{Env(name)}"] = account?.Key ?? "abcdefghijklmnopqrstuvwxyz012345";
            start.Environment[$"S_{Env(name)}"] = name == wrongSecretFor ? "wrong-secret" : account?.Secret ?? "abcdefghijklmnopqrstuvwxyz012345";
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string Env(string name) => name.ToUpperInvariant().Replace('-', '_');
}

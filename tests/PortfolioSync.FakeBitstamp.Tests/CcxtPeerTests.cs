using System.Diagnostics;
using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.FakeBitstamp.Tests.Support;

namespace PortfolioSync.FakeBitstamp.Tests;

/// <summary>
/// The third-party ccxt client (tests/ccxt-peer, ccxt 4.5.84 pinned) against the server on the sample history, every
/// check required (--strict). Needs node and npm; installs node_modules with <c>npm ci</c> when missing.
/// The committed sample-data is realistic (bitstamp-api.md §9): some rows carry <c>type</c> as a JSON number, and ccxt's
/// fetchMyTrades keeps only <c>type === "2"</c>, so it drops them (a limitation of ccxt with real answers, not of the
/// protocol). This check therefore serves the same history in the classic shape: the sample's options without
/// <c>Realistic</c>.
/// </summary>
public sealed class CcxtPeerTests
{
    private static readonly string PeerDir = Path.Combine(RepoRoot.Path, "tests", "ccxt-peer");

    [Fact]
    public async Task Ccxt_passes_every_check_against_the_sample_history()
    {
        // Given the server on the sample history in the classic shape, on the real clock (ccxt signs with it)
        var data = Generation.SampleDataGenerator.Generate(Generation.SampleDataGenerator.SampleOptions with { Realistic = false });
        var main = data.Account("main");
        await using var server = await FakeBitstampServer.StartAsync(new FakeServerOptions(data) { Time = TimeProvider.System }, CancellationToken.None);
        if (!Directory.Exists(Path.Combine(PeerDir, "node_modules", "ccxt")))
        {
            var install = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
            install.Exit.Should().Be(0, "npm ci in tests/ccxt-peer failed:\n" + install.Output);
        }

        // When
        var check = await RunAsync("node", ["check.mjs", "--strict", "--base", server.BaseUrl.ToString().TrimEnd('/'), "--key", main.Key],
            TimeSpan.FromMinutes(3), ("BITSTAMP_SECRET", main.Secret));

        // Then
        check.Exit.Should().Be(0, "ccxt's check failed:\n" + check.Output);
        check.Output.Should().Contain("OK auth-rejected").And.Contain("OK server-signature").And.Contain("OK paginate ").And.NotContain("FAIL");
        server.ForbiddenCalls.Should().BeEmpty("ccxt's read-only calls never touch a denied endpoint");
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, string[] args, TimeSpan timeout, params (string Name, string Value)[] env)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = PeerDir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (name, value) in env) info.Environment[name] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in {timeout}: {await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}

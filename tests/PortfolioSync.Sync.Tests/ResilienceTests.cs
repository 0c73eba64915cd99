using PortfolioSync.Domain.Warnings;
using PortfolioSync.FakeBitstamp;
using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.FakeBitstamp.Generation;

namespace PortfolioSync.Sync.Tests;

public sealed class ResilienceTests
{
    private static readonly Lazy<ServerData> Generated = new(() =>
        SampleDataGenerator.Generate(new GeneratorOptions { Records = 12_000, Accounts = 3, Seed = 77 }));

    /// <summary>The same three accounts with fewer records, for tests about one account's key, not about volume.</summary>
    private static readonly Lazy<ServerData> Small = new(() =>
        SampleDataGenerator.Generate(new GeneratorOptions { Records = 1500, Accounts = 3, Seed = 77 }));

    [Fact]
    public async Task Under_5xx_429_bursts_dropped_connections_and_latency_the_sync_ends_with_the_same_store()
    {
        await using var calm = await SyncHarness.StartAsync(Generated.Value);
        await calm.SyncAsync();
        var storm = new FaultSettings
        {
            Seed = 9,
            ServerErrorRatio = 0.3,
            RateLimitBurstEvery = 7,
            RateLimitBurstLength = 2,
            RetryAfterSeconds = 0,   // about the store the sync ends with, not the waits (Bitstamp's ResilienceTests check those on a fake clock)
            DropConnectionRatio = 0.1,
            LatencyMin = TimeSpan.Zero,
            LatencyMax = TimeSpan.FromMilliseconds(15),
        };
        await using var stormy = await SyncHarness.StartAsync(Generated.Value, storm);

        // No backoff to speak of (1 ms, no jitter): the waits are ResilienceTests' subject in the Bitstamp tests, on a fake
        // clock; here the storm's answers and the store the sync ends with are.
        var noWaits = SyncHarness.QuickRetries;
        (noWaits.BaseDelay, noWaits.MaxDelay, noWaits.UseJitter) = (TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1), false);
        var report = await stormy.SyncAsync(clientOptions: noWaits);

        report.AllSucceeded.Should().BeTrue(string.Join("; ", report.Accounts.Select(a => a.Error)));
        report.Accounts.Sum(a => a.Requests).Should().BeGreaterThan(report.Accounts.Sum(a => a.Pages) + 6, "faults forced retries");
        stormy.CanonicalExport().Should().Be(calm.CanonicalExport());
        stormy.Server.ForbiddenCalls.Should().BeEmpty();
    }

    [Fact]
    public async Task A_malformed_record_is_kept_raw_and_warned_about_and_the_rest_of_its_page_is_stored()
    {
        var main = Generated.Value.Account("main");
        var bad = main.Transactions[500];
        await using var h = await SyncHarness.StartAsync(Generated.Value, new FaultSettings { MalformedRecordIds = new HashSet<long> { bad.Id } });

        var report = await h.SyncAsync(only: ["main"]);

        report.AllSucceeded.Should().BeTrue();
        var warning = report.Warnings.Should().ContainSingle(w => w.Code == WarningCode.MalformedRecord).Subject;
        warning.Account.Should().Be("main");
        h.WithStore(store =>
        {
            var raw = store.GetRaw($"main/{StreamNames.UserTransactions}/{bad.Id}");
            raw.Should().NotBeNull();
            raw!.EntryId.Should().BeNull();
            raw.Problem.Should().StartWith("malformed");
            store.ListFlagged().Should().ContainSingle(r => r.ExternalId == bad.Id);
            store.CountLedger("main").Should().Be(main.Transactions.Count - 1);
            store.ReadRaw("main", StreamNames.UserTransactions).Should().HaveCount(main.Transactions.Count);
            store.Verify().Should().BeEmpty();
            return 0;
        });
    }

    [Fact]
    public async Task A_record_that_changes_upstream_keeps_both_versions_and_raises_a_warning()
    {
        var main = Generated.Value.Account("main");
        var changing = main.Transactions[42];
        await using var h = await SyncHarness.StartAsync(Generated.Value, new FaultSettings { ChangingRecordIds = new HashSet<long> { changing.Id } });
        await h.SyncAsync(only: ["main"]);

        var second = await h.SyncAsync(new SyncOptions { Full = true }, only: ["main"]);

        var warning = second.Warnings.Should().ContainSingle(w => w.Code == WarningCode.ChangedRecord).Subject;
        warning.EntryId.Should().Be($"main/{StreamNames.UserTransactions}/{changing.Id}");
        second.Accounts.Single().Changed.Should().Be(1);
        h.WithStore(store =>
        {
            store.GetVersions($"main/{StreamNames.UserTransactions}/{changing.Id}").Should().HaveCount(2);
            store.Verify().Should().BeEmpty();
            return 0;
        });
    }

    [Theory]
    [InlineData("wrong-secret")]
    [InlineData("no-permission")]
    [InlineData("inactive")]
    [InlineData("ip-not-allowed")]
    public async Task One_account_with_a_bad_key_fails_alone_and_names_the_fix(string problem)
    {
        const string Canary = "CANARY-wrong-secret-0xdeadbeef";
        var data = Small.Value;
        var grid = data.Account("grid-bot");
        var broken = problem switch
        {
            "no-permission" => grid with { Permissions = new HashSet<ApiPermission> { ApiPermission.AccountBalance } },
            "inactive" => grid with { Activated = false },
            "ip-not-allowed" => grid with { IpAllowList = [System.Net.IPAddress.Parse("203.0.113.9")] },
            _ => grid,
        };
        await using var h = await SyncHarness.StartAsync(data.WithAccount(broken));

        var report = await h.SyncAsync(secretOf: a => problem == "wrong-secret" && a.Name == "grid-bot" ? Canary : a.Secret);

        var failed = report.Accounts.Should().ContainSingle(a => !a.Succeeded).Subject;
        failed.Account.Should().Be("grid-bot");
        failed.IsAuthProblem.Should().BeTrue();
        failed.Error.Should().Contain("grid-bot").And.NotContain(Canary).And.NotContain(grid.Secret);
        report.Accounts.Where(a => a.Account != "grid-bot").Should().OnlyContain(a => a.Succeeded && a.Inserted > 0);
        h.WithStore(s => s.ListRuns(1).Single().Status).Should().Be(PortfolioSync.Store.RunStatus.Partial);
        h.Server.ForbiddenCalls.Should().BeEmpty();
    }
}

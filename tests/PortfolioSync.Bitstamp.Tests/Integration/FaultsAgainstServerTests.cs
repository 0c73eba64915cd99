using System.Diagnostics;
using PortfolioSync.FakeBitstamp;
using Xunit.Abstractions;

namespace PortfolioSync.Bitstamp.Tests.Integration;

public sealed class FaultsAgainstServerTests(ITestOutputHelper output)
{
    private static readonly FaultSettings Storm = new()
    {
        Seed = 5,
        ServerErrorRatio = 0.3,
        RateLimitBurstEvery = 9,
        RateLimitBurstLength = 2,
        // The test is about what paging returns under faults, not about the waits (ResilienceTests check those on a
        // fake clock): 429s say Retry-After: 0.
        RetryAfterSeconds = 0,
        DropConnectionRatio = 0.15,
        LatencyMin = TimeSpan.Zero,
        LatencyMax = TimeSpan.FromMilliseconds(20),
    };

    [Fact]
    public async Task Under_5xx_429_bursts_dropped_connections_and_latency_paging_completes_with_identical_results()
    {
        var data = FakeBitstamp.Generation.SampleDataGenerator.Generate(new() { Records = 40_000, Accounts = 2, Seed = 23 });
        await using var calm = await FakeServer.StartAsync(data);
        await using var stormy = await FakeServer.StartAsync(data, Storm);
        // Default options except no backoff to speak of (1 ms, no jitter: the waits are ResilienceTests' subject, on a
        // fake clock) and no client-side pacing (the server is local and unlimited); Retry-After is honoured as sent (0).
        var options = new BitstampClientOptions
        {
            BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(1), UseJitter = false,
            RequestsPerSecond = 100, RateLimitBurst = 100,
        };

        foreach (var account in calm.Data.Accounts)
        {
            using var calmClient = FakeServer.ClientFor(calm, account, new BitstampClientOptions { RequestsPerSecond = 100, RateLimitBurst = 100 });
            using var stormyClient = FakeServer.ClientFor(stormy, account, options);
            var expected = await PagingAgainstServerTests.PageAll(calmClient);
            var before = stormy.Requests.Total;
            var clock = Stopwatch.StartNew();

            var actual = await PagingAgainstServerTests.PageAll(stormyClient);

            clock.Stop();
            actual.Select(r => r.RawJson).Should().Equal(expected.Select(r => r.RawJson), account.Name);
            actual.Select(r => r.Value).Should().Equal(expected.Select(r => r.Value));
            var stats = stormyClient.Statistics;
            output.WriteLine($"{account.Name}: {actual.Count} records, {calmClient.Statistics.Requests} requests without faults; " +
                $"with faults {stormy.Requests.Total - before} requests reached the server, {stats.Retries} retries, " +
                $"{stats.RetryDelay.TotalSeconds:0.0} s of backoff, {clock.Elapsed.TotalSeconds:0.0} s wall");
            stats.Retries.Should().BeGreaterThan(0, "the storm must have hit this account");
        }
        stormy.ForbiddenCalls.Should().BeEmpty();
    }

    [Fact]
    public async Task Malformed_records_come_back_raw_and_the_rest_of_their_page_parses()
    {
        var account = FakeServer.GeneratedData.Accounts[0];
        var badIds = account.Transactions.Where((_, i) => i % 97 == 5).Select(t => t.Id).ToHashSet();
        await using var server = await FakeServer.StartAsync(faults: new FaultSettings { MalformedRecordIds = badIds });
        using var client = FakeServer.ClientFor(server, account);

        var records = await PagingAgainstServerTests.PageAll(client);

        records.Should().HaveCount(account.Transactions.Count);
        records.Where(r => r.IsMalformed).Select(r => r.Id!.Value).Should().BeEquivalentTo(badIds);
        records.Where(r => r.IsMalformed).Should().OnlyContain(r => r.Malformed!.Field == "datetime" && r.RawJson.Contains("not a date"));
        records.Where(r => !r.IsMalformed).Select(r => r.RawJson)
            .Should().Equal(account.Transactions.Where(t => !badIds.Contains(t.Id)).Select(t => t.JsonText));
    }

    [Fact]
    public async Task A_record_that_changes_upstream_is_returned_exactly_as_served_each_time()
    {
        var account = FakeServer.GeneratedData.Accounts[0];
        var changing = account.Transactions[3].Id;
        await using var server = await FakeServer.StartAsync(faults: new FaultSettings { ChangingRecordIds = new HashSet<long> { changing } });
        using var client = FakeServer.ClientFor(server, account);

        var first = await client.GetUserTransactionsPageAsync(changing, 1000, CancellationToken.None);
        var second = await client.GetUserTransactionsPageAsync(changing, 1000, CancellationToken.None);

        first.Records[0].RawJson.Should().Be(account.Transactions[3].JsonText);
        second.Records[0].RawJson.Should().NotBe(first.Records[0].RawJson);
        second.Records[0].Value!.Fee.Should().Be(first.Records[0].Value!.Fee + 0.01m);
    }
}

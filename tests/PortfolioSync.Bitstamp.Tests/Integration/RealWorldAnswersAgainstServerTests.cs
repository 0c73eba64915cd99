using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PortfolioSync.Bitstamp.Errors;
using PortfolioSync.Bitstamp.Tests.Support;
using PortfolioSync.FakeBitstamp;

namespace PortfolioSync.Bitstamp.Tests.Integration;

/// <summary>What the real exchange's edge answers (bitstamp-api.md §9), produced by the local server over real loopback HTTP.</summary>
public sealed class RealWorldAnswersAgainstServerTests
{
    private static FakeBitstamp.Data.AccountData Main => FakeServer.GeneratedData.Accounts[0];

    [Fact]
    public async Task A_request_without_User_Agent_is_refused_by_the_server_with_its_firewall_page_and_the_client_always_sends_one()
    {
        await using var server = await FakeServer.StartAsync();
        using var raw = new HttpClient();

        using var bare = await raw.GetAsync(new Uri(server.BaseUrl, "/api/v2/markets/"));
        var page = await bare.Content.ReadAsStringAsync();
        bare.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        page.Should().StartWith("<!DOCTYPE html>").And.Contain("Access Denied");

        using var client = FakeServer.ClientFor(server, Main, Clients.FastOptions());
        (await client.GetMarketsAsync(CancellationToken.None)).Should().NotBeEmpty();
        (await client.GetUserTransactionsPageAsync(null, 10, CancellationToken.None)).Records.Should().HaveCount(10);
    }

    [Theory]
    [InlineData(403)]
    [InlineData(200)]
    public async Task A_firewall_page_is_blocked_by_the_firewall_with_the_fix_after_a_few_attempts(int status)
    {
        await using var server = await FakeServer.StartAsync(faults: new FaultSettings { FirewallHtmlStatus = status });
        using var client = FakeServer.ClientFor(server, Main, Clients.FastOptions());

        var error = (await FluentActions.Awaiting(() => client.GetBalancesAsync(CancellationToken.None))
            .Should().ThrowAsync<BitstampApiException>()).Which;

        error.Kind.Should().Be(BitstampErrorKind.Blocked);
        error.IsUnreachable.Should().BeTrue();
        error.Attempts.Should().Be(3, "two retries, not twenty");
        error.Message.Should().Contain("blocked by Bitstamp's firewall").And.Contain("allow-list").And.Contain("VPN").And.Contain("User-Agent");
        server.Requests.Total.Should().Be(3);
    }

    [Fact]
    public async Task The_maintenance_answer_has_its_own_message_and_is_not_retried()
    {
        await using var server = await FakeServer.StartAsync(faults: new FaultSettings { Maintenance = true });
        using var client = FakeServer.ClientFor(server, Main, Clients.FastOptions());

        var error = (await FluentActions.Awaiting(() => client.GetUserTransactionsPageAsync(null, 100, CancellationToken.None))
            .Should().ThrowAsync<BitstampApiException>()).Which;

        error.Kind.Should().Be(BitstampErrorKind.Maintenance);
        error.Message.Should().Contain("under scheduled maintenance").And.Contain("Run again after the maintenance");
        server.Requests.Total.Should().Be(1);
    }

    [Fact]
    public async Task A_redirect_is_never_followed_and_names_where_it_pointed()
    {
        await using var server = await FakeServer.StartAsync(faults: new FaultSettings { RedirectTo = "http://portal.example/login" });
        using var client = FakeServer.ClientFor(server, Main, Clients.FastOptions());

        var error = (await FluentActions.Awaiting(() => client.GetBalancesAsync(CancellationToken.None))
            .Should().ThrowAsync<BitstampApiException>()).Which;

        error.Kind.Should().Be(BitstampErrorKind.Redirected);
        error.HttpStatus.Should().Be(302);
        error.Message.Should().Contain("http://portal.example/login").And.Contain("captive portal");
        server.Requests.Total.Should().Be(1);
    }

    [Theory]
    [InlineData("400.067")]
    [InlineData("400.068")]
    public async Task The_newer_rate_limit_codes_are_waited_out_and_retried(string code)
    {
        await using var server = await FakeServer.StartAsync(faults: new FaultSettings
        {
            RateLimitBurstEvery = 2, RateLimitBurstLength = 1, RetryAfterSeconds = 0, RateLimitCode = code,
        });
        using var client = FakeServer.ClientFor(server, Main, Clients.FastOptions());

        var pages = 0;
        for (long? since = null; pages < 4; pages++)
            since = (await client.GetUserTransactionsPageAsync(since, 50, CancellationToken.None)).NextSinceId;

        client.Statistics.Retries.Should().BeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task A_closed_port_fails_in_seconds_with_the_real_cause()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var notices = new List<string>();
        var options = Clients.FastOptions();
        options.RetryNotice = line => { lock (notices) notices.Add(line); };
        // The backoff runs on a fake clock (driven forward while the call waits); the refusals are real.
        var time = Clients.Time();
        using var client = new BitstampClient("main", new Uri($"http://127.0.0.1:{port}"), Clients.Credentials(), options, time);
        var clock = Stopwatch.StartNew();

        var error = (await FluentActions.Awaiting(() => Clients.Drive(time, client.GetBalancesAsync(CancellationToken.None)))
            .Should().ThrowAsync<BitstampApiException>()).Which;

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        client.Statistics.RetryDelay.Should().Be(TimeSpan.FromMilliseconds(100 + 200), "two retries, backoff 100 ms doubling");
        error.Kind.Should().Be(BitstampErrorKind.NetworkUnreachable);
        error.Attempts.Should().Be(3);
        error.Message.Should().Contain("refused").And.Contain($"127.0.0.1:{port}");
        notices.Should().HaveCount(2).And.OnlyContain(n => n.Contains("refused") && n.Contains("before retry"));
    }

    [Theory]
    [InlineData("""{"code":"validation-error","errors":[{"field":"limit","message":"Ensure this value is less than or equal to 1000."}]}""", BitstampErrorKind.BadRequest, "less than or equal to 1000")]
    [InlineData("""{"code":"API0042","message":"Invalid limit","field":"limit"}""", BitstampErrorKind.BadRequest, "Invalid limit (field 'limit')")]
    [InlineData("""{"code":"API0008","message":"API key is not active yet"}""", BitstampErrorKind.KeyNotActivated, "activation e-mail")]
    [InlineData("""{"status":"error","reason":"Authentication failed: key inactive","code":"API9999"}""", BitstampErrorKind.KeyNotActivated, "activation e-mail")]
    public async Task Errors_in_the_newer_shapes_show_their_text_and_a_never_activated_key_gets_the_activation_fix(
        string body, BitstampErrorKind kind, string shown)
    {
        var transport = new ScriptedTransport();
        transport.Then(HttpStatusCode.BadRequest, body);
        using var client = Clients.Client(transport, TimeProvider.System, Clients.FastOptions());

        var error = (await FluentActions.Awaiting(() => client.GetBalancesAsync(CancellationToken.None))
            .Should().ThrowAsync<BitstampApiException>()).Which;

        error.Kind.Should().Be(kind);
        error.Message.Should().Contain(shown);
    }

    [Fact]
    public async Task One_shared_pace_holds_all_clients_together_to_its_rate()
    {
        await using var server = await FakeServer.StartAsync();
        using var pace = new RequestPace(TimeProvider.System, requestsPerSecond: 10, burst: 1);
        var clients = FakeServer.GeneratedData.Accounts.Select(a =>
        {
            var o = Clients.FastOptions();
            o.SharedPace = pace;
            return FakeServer.ClientFor(server, a, o);
        }).ToList();
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(clients.Select(async c =>
        {
            for (var i = 0; i < 5; i++) await c.GetBalancesAsync(CancellationToken.None);
        }));

        clock.Stop();
        foreach (var c in clients) c.Dispose();
        // 15 requests at 10/s with no burst: the 15th cannot start before 1.4 s, whichever client sends it.
        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(1.3));
        server.Requests.Total.Should().Be(15);
    }
}

using System.Net;
using System.Net.Http.Headers;
using PortfolioSync.Bitstamp.Errors;
using PortfolioSync.Bitstamp.Tests.Support;

namespace PortfolioSync.Bitstamp.Tests.Resilience;

public sealed class ResilienceTests
{
    private const string Page = """[{"id":1,"datetime":"2024-01-01 00:00:00","type":"0","fee":"0","btc":"1"}]""";

    [Fact]
    public async Task A_429_waits_for_Retry_After_clamped_to_the_maximum_then_succeeds()
    {
        var time = Clients.Time();
        var transport = new ScriptedTransport()
            .Then(HttpStatusCode.TooManyRequests, "{}", r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3600)))
            .Then(HttpStatusCode.OK, Page);
        var client = Clients.Client(transport, time);

        var call = client.GetUserTransactionsPageAsync(null, 100, CancellationToken.None);
        await Clients.Until(() => transport.Requests.Count == 1);
        time.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(20);
        transport.Requests.Should().HaveCount(1, "the clamped Retry-After of 60 s has not passed yet");
        time.Advance(TimeSpan.FromSeconds(1));
        var page = await call.WaitAsync(TimeSpan.FromSeconds(10));

        page.Records.Should().ContainSingle();
        transport.Requests.Should().HaveCount(2);
        client.Statistics.RetryDelay.Should().Be(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_short_Retry_After_is_honoured_exactly_also_as_a_date_and_on_503()
    {
        var time = Clients.Time();
        var transport = new ScriptedTransport()
            .Then(HttpStatusCode.TooManyRequests, "{}", r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(2)))
            .Then(HttpStatusCode.ServiceUnavailable, "{}", r => r.Headers.RetryAfter = new RetryConditionHeaderValue(time.GetUtcNow().AddSeconds(5)))
            .Then(HttpStatusCode.OK, Page);
        var client = Clients.Client(transport, time);

        await Clients.Drive(time, client.GetUserTransactionsPageAsync(null, 100, CancellationToken.None), TimeSpan.FromMilliseconds(500));

        transport.Requests.Should().HaveCount(3);
        client.Statistics.RetryDelay.Should().Be(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task Server_errors_back_off_exponentially_from_the_base_delay()
    {
        var time = Clients.Time();
        var transport = new ScriptedTransport()
            .Then(HttpStatusCode.InternalServerError, "{}").Then(HttpStatusCode.BadGateway, "")
            .Then(HttpStatusCode.ServiceUnavailable, "<html>").Then(HttpStatusCode.OK, Page);
        var log = new List<string>();
        var client = Clients.Client(transport, time, Clients.FastOptions(log));

        await Clients.Drive(time, client.GetUserTransactionsPageAsync(null, 100, CancellationToken.None), TimeSpan.FromMilliseconds(50));

        transport.Requests.Should().HaveCount(4);
        client.Statistics.Retries.Should().Be(3);
        client.Statistics.RetryDelay.Should().Be(TimeSpan.FromMilliseconds(100 + 200 + 400));
        log.Where(l => l.Contains("retrying")).Should().HaveCount(3).And.Contain(l => l.Contains("HTTP 502"));
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, """{"status":"error","reason":"Invalid signature","code":"API0005"}""", BitstampErrorKind.InvalidCredentials)]
    [InlineData(HttpStatusCode.Forbidden, """{"status":"error","reason":"No permission found","code":"API0003"}""", BitstampErrorKind.MissingPermission)]
    [InlineData(HttpStatusCode.Forbidden, """{"status":"error","reason":"IP address not allowed","code":"API0002"}""", BitstampErrorKind.IpNotAllowed)]
    [InlineData(HttpStatusCode.BadRequest, """{"status":"error","reason":"Invalid limit.","response_code":"400.011"}""", BitstampErrorKind.BadRequest)]
    [InlineData(HttpStatusCode.NotFound, """{"status":"error","reason":"Not found"}""", BitstampErrorKind.BadRequest)]
    public async Task Auth_permission_and_bad_request_answers_are_not_retried(HttpStatusCode status, string body, BitstampErrorKind kind)
    {
        var transport = new ScriptedTransport().Then(status, body);
        var client = Clients.Client(transport, Clients.Time());

        var act = () => client.GetUserTransactionsPageAsync(null, 100, CancellationToken.None);

        var error = (await act.Should().ThrowAsync<BitstampApiException>()).Which;
        error.Kind.Should().Be(kind);
        error.Attempts.Should().Be(1);
        transport.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task Bitstamps_400_002_rate_limit_answer_is_retried()
    {
        var time = Clients.Time();
        var transport = new ScriptedTransport()
            .Then(HttpStatusCode.BadRequest, """{"status":"error","reason":"Rate limit exceeded","response_code":"400.002"}""")
            .Then(HttpStatusCode.OK, Page);
        var client = Clients.Client(transport, time);

        await Clients.Drive(time, client.GetUserTransactionsPageAsync(null, 100, CancellationToken.None));

        transport.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task Network_errors_dropped_bodies_and_cut_off_json_are_retried()
    {
        var time = Clients.Time();
        var transport = new ScriptedTransport()
            .ThenThrow(new HttpRequestException("Connection refused"))
            .Then(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new BrokenContent("[{\"id\":1,") })
            .Then(HttpStatusCode.OK, Page[..30])
            .Then(HttpStatusCode.OK, Page);
        var client = Clients.Client(transport, time);

        var page = await Clients.Drive(time, client.GetUserTransactionsPageAsync(null, 100, CancellationToken.None));

        page.Records.Single().RawJson.Should().Be(Page[1..^1]);
        transport.Requests.Should().HaveCount(4);
    }

    [Fact]
    public async Task A_hanging_attempt_times_out_on_the_injected_clock_and_is_retried()
    {
        var time = Clients.Time();
        var transport = new ScriptedTransport()
            .ThenAsync(async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); throw new InvalidOperationException(); })
            .Then(HttpStatusCode.OK, Page);
        var options = Clients.FastOptions();
        options.AttemptTimeout = TimeSpan.FromSeconds(5);
        var client = Clients.Client(transport, time, options);

        await Clients.Drive(time, client.GetUserTransactionsPageAsync(null, 100, CancellationToken.None), TimeSpan.FromSeconds(1));

        transport.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task Persistent_server_errors_give_a_typed_error_after_every_attempt()
    {
        var time = Clients.Time();
        var transport = new ScriptedTransport { Fallback = _ => ScriptedTransport.Json(HttpStatusCode.InternalServerError, """{"status":"error","reason":"Unknown error","response_code":"500.001"}""") };
        var options = Clients.FastOptions();
        options.CircuitBreakerMinimumThroughput = 1000;   // the retry budget, not the breaker, ends this call
        var client = Clients.Client(transport, time, options);

        var act = () => Clients.Drive(time, client.GetUserTransactionsPageAsync(null, 100, CancellationToken.None), TimeSpan.FromSeconds(1));

        var error = (await act.Should().ThrowAsync<BitstampApiException>()).Which;
        error.Kind.Should().Be(BitstampErrorKind.ServerError);
        error.Attempts.Should().Be(21);
        error.IsAuthProblem.Should().BeFalse();
        transport.Requests.Should().HaveCount(21);
    }

    [Fact]
    public async Task Persistent_rate_limiting_says_how_often_it_waited_and_retried()
    {
        var time = Clients.Time();
        var transport = new ScriptedTransport { Fallback = _ => ScriptedTransport.Json(HttpStatusCode.TooManyRequests, "{}") };
        var client = Clients.Client(transport, time);

        var act = () => Clients.Drive(time, client.GetBalancesAsync(CancellationToken.None), TimeSpan.FromSeconds(1));

        var error = (await act.Should().ThrowAsync<BitstampApiException>()).Which;
        error.Kind.Should().Be(BitstampErrorKind.RateLimited);
        error.Fix.Should().Contain("waited and retried 20 times");
    }

    [Fact]
    public async Task Unreachable_network_after_every_attempt_is_a_typed_error_naming_the_server()
    {
        var time = Clients.Time();
        var transport = new ScriptedTransport { Fallback = _ => throw new HttpRequestException("No such host is known") };
        var options = Clients.FastOptions();
        options.CircuitBreakerMinimumThroughput = 1000;
        var client = Clients.Client(transport, time, options);

        var act = () => Clients.Drive(time, client.GetBalancesAsync(CancellationToken.None), TimeSpan.FromSeconds(1));

        var error = (await act.Should().ThrowAsync<BitstampApiException>()).Which;
        error.Kind.Should().Be(BitstampErrorKind.NetworkUnreachable);
        error.Message.Should().Contain("http://127.0.0.1:5000").And.Contain("21 attempts");
    }

    [Fact]
    public async Task With_default_options_a_total_outage_ends_in_an_open_circuit_after_twenty_attempts()
    {
        var time = Clients.Time();
        var transport = new ScriptedTransport { Fallback = _ => ScriptedTransport.Json(HttpStatusCode.BadGateway, "") };
        var client = Clients.Client(transport, time, new BitstampClientOptions());

        var act = () => Clients.Drive(time, client.GetBalancesAsync(CancellationToken.None), TimeSpan.FromSeconds(5));

        var error = (await act.Should().ThrowAsync<BitstampApiException>()).Which;
        error.Kind.Should().Be(BitstampErrorKind.CircuitOpen);
        error.IsAuthProblem.Should().BeFalse();
        transport.Requests.Should().HaveCount(20);
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_then_fails_fast_without_sending()
    {
        var time = Clients.Time();
        var transport = new ScriptedTransport { Fallback = _ => ScriptedTransport.Json(HttpStatusCode.InternalServerError, "{}") };
        var options = Clients.FastOptions();
        options.MaxRetryAttempts = 1;
        options.CircuitBreakerMinimumThroughput = 4;
        var client = Clients.Client(transport, time, options);

        var kinds = new List<BitstampErrorKind>();
        for (var i = 0; i < 4; i++)
        {
            try
            {
                await Clients.Drive(time, client.GetBalancesAsync(CancellationToken.None));
            }
            catch (BitstampApiException e)
            {
                kinds.Add(e.Kind);
            }
        }

        kinds.Should().Equal(BitstampErrorKind.ServerError, BitstampErrorKind.ServerError, BitstampErrorKind.CircuitOpen, BitstampErrorKind.CircuitOpen);
        transport.Requests.Should().HaveCount(4, "two calls of two attempts, then nothing is sent while the circuit is open");
    }

    [Fact]
    public async Task The_rate_limiter_paces_requests_on_the_injected_clock()
    {
        var time = Clients.Time();
        var sentAt = new List<DateTimeOffset>();
        var transport = new ScriptedTransport
        {
            Fallback = _ =>
            {
                lock (sentAt) sentAt.Add(time.GetUtcNow());
                return ScriptedTransport.Json(HttpStatusCode.OK, "[]");
            },
        };
        var options = Clients.FastOptions();
        options.RequestsPerSecond = 2;
        options.RateLimitBurst = 1;
        var client = Clients.Client(transport, time, options);

        for (var i = 0; i < 4; i++)
            await Clients.Drive(time, client.GetBalancesAsync(CancellationToken.None), TimeSpan.FromMilliseconds(50));

        sentAt.Zip(sentAt.Skip(1), (a, b) => b - a).Should().AllSatisfy(gap => gap.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_turned_into_an_error()
    {
        var transport = new ScriptedTransport().ThenAsync(async (_, ct) => { await Task.Delay(Timeout.Infinite, ct); return null!; });
        var client = Clients.Client(transport, Clients.Time());
        using var cts = new CancellationTokenSource();

        var call = client.GetBalancesAsync(cts.Token);
        await Clients.Until(() => transport.Requests.Count == 1);
        await cts.CancelAsync();

        await FluentActions.Awaiting(() => call).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public void Options_out_of_range_are_named()
    {
        var options = new BitstampClientOptions { MaxRetryAttempts = 99 };

        var act = () => Clients.Client(new ScriptedTransport(), Clients.Time(), options);

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("MaxRetryAttempts");
    }
}

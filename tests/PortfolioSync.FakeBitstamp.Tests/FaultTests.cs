using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using PortfolioSync.FakeBitstamp.Tests.Support;

namespace PortfolioSync.FakeBitstamp.Tests;

public sealed class FaultTests
{
    private const string Path = "/api/v2/user_transactions/";

    [Fact]
    public async Task Latency_delays_every_api_answer()
    {
        var data = TestData.Tiny();
        await using var h = await Harness.StartAsync(data, faults: new FaultSettings { LatencyMin = TimeSpan.FromMilliseconds(150), LatencyMax = TimeSpan.FromMilliseconds(200) });
        var watch = Stopwatch.StartNew();

        using var response = await h.Http.GetAsync("/api/v2/markets/");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        watch.ElapsedMilliseconds.Should().BeGreaterThanOrEqualTo(140);
    }

    [Fact]
    public async Task With_a_server_error_ratio_of_one_every_api_call_gets_a_5xx_but_admin_calls_do_not()
    {
        var data = TestData.Tiny();
        await using var h = await Harness.StartAsync(data, faults: new FaultSettings { ServerErrorRatio = 1, Seed = 5 });

        var statuses = new List<int>();
        for (var i = 0; i < 12; i++) statuses.Add((int)(await h.PostAsync(data.Account("main"), Path, "limit=1")).StatusCode);
        using var admin = await h.Http.GetAsync("/__admin/calls");

        statuses.Should().OnlyContain(s => s == 500 || s == 502 || s == 503);
        statuses.Distinct().Count().Should().BeGreaterThan(1, "500, 502 and 503 are drawn from the seed");
        admin.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_same_seed_draws_the_same_faults_for_the_same_requests()
    {
        async Task<List<int>> Run()
        {
            var data = TestData.Tiny();
            await using var h = await Harness.StartAsync(data, faults: new FaultSettings { ServerErrorRatio = 0.5, Seed = 9 });
            var list = new List<int>();
            for (var i = 0; i < 20; i++) list.Add((int)(await h.Http.GetAsync("/api/v2/markets/")).StatusCode);
            return list;
        }

        (await Run()).Should().Equal(await Run());
    }

    [Fact]
    public async Task A_rate_limit_burst_answers_429_with_Retry_After_for_its_length_every_nth_request()
    {
        var data = TestData.Tiny();
        await using var h = await Harness.StartAsync(data, faults: new FaultSettings { RateLimitBurstEvery = 4, RateLimitBurstLength = 2, RetryAfterSeconds = 7 });

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 9; i++) answers.Add(await h.PostAsync(data.Account("main"), Path, "limit=1"));

        answers.Select(r => (int)r.StatusCode).Should().Equal(200, 200, 200, 429, 429, 200, 200, 429, 429);
        answers[3].Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(7));
        (await Harness.ErrorOf(answers[3])).Should().BeEquivalentTo(new { Reason = "Rate limit exceeded", Code = "400.002" });
    }

    [Fact]
    public async Task A_dropped_connection_cuts_the_body_short()
    {
        var data = TestData.Recent;
        await using var h = await Harness.StartAsync(data, faults: new FaultSettings { DropConnectionRatio = 1 });

        var act = async () =>
        {
            using var response = await h.PostAsync(data.Account("main"), Path, "limit=1000");
            await response.Content.ReadAsByteArrayAsync();
        };

        await act.Should().ThrowAsync<HttpRequestException>();
    }

    [Fact]
    public async Task A_malformed_record_is_served_broken_while_the_rest_of_the_page_is_intact()
    {
        var data = TestData.Tiny();
        await using var h = await Harness.StartAsync(data, faults: new FaultSettings { MalformedRecordIds = new HashSet<long> { 103 } });

        using var response = await h.PostAsync(data.Account("main"), Path, "sort=asc");
        var text = await response.Content.ReadAsStringAsync();

        var records = JsonDocument.Parse(text).RootElement.EnumerateArray().ToList();
        records[2].GetProperty("datetime").GetString().Should().Be("not a date");
        records[2].GetProperty("id").GetInt64().Should().Be(103);
        text.Should().Contain(data.Account("main").Transactions[1].JsonText).And.Contain(data.Account("main").Transactions[3].JsonText);
    }

    [Fact]
    public async Task A_changing_record_has_a_different_fee_from_its_second_serve_on()
    {
        var data = TestData.Tiny();
        await using var h = await Harness.StartAsync(data, faults: new FaultSettings { ChangingRecordIds = new HashSet<long> { 102 } });

        async Task<string> Fee() => JsonDocument.Parse(await (await h.PostAsync(data.Account("main"), Path, "sort=asc")).Content.ReadAsStringAsync())
            .RootElement[1].GetProperty("fee").GetString()!;

        var first = await Fee();
        var second = await Fee();
        var third = await Fee();

        first.Should().Be("0.20000");
        decimal.Parse(second).Should().Be(0.21m);
        decimal.Parse(third).Should().Be(0.22m);
    }

    [Fact]
    public async Task A_clock_offset_makes_a_correctly_timed_request_fall_outside_the_window()
    {
        var data = TestData.Tiny();
        await using var h = await Harness.StartAsync(data, faults: new FaultSettings { ClockOffset = TimeSpan.FromMinutes(10) });

        using var response = await h.PostAsync(data.Account("main"), Path, "limit=1");
        using var skewed = await h.Http.SendAsync(h.Signed(data.Account("main"), Path, "limit=1", timestamp: h.Time.GetUtcNow().AddMinutes(10)));

        (await Harness.ErrorOf(response)).Code.Should().Be("API0017");
        skewed.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Faults_can_be_changed_at_run_time_through_the_property_and_the_admin_endpoint()
    {
        var data = TestData.Tiny();
        await using var h = await Harness.StartAsync(data);

        h.Server.Faults = new FaultSettings { ServerErrorRatio = 1 };
        using var failing = await h.Http.GetAsync("/api/v2/markets/");
        using var set = await h.Http.PostAsync("/__admin/faults", new StringContent("""{"serverErrorRatio":0,"rateLimitBurstEvery":1,"retryAfterSeconds":3}""", Encoding.UTF8, "application/json"));
        using var limited = await h.Http.GetAsync("/api/v2/markets/");
        using var bad = await h.Http.PostAsync("/__admin/faults", new StringContent("""{"colour":1}""", Encoding.UTF8, "application/json"));

        ((int)failing.StatusCode).Should().BeGreaterThanOrEqualTo(500);
        set.StatusCode.Should().Be(HttpStatusCode.OK);
        h.Server.Faults.RateLimitBurstEvery.Should().Be(1);
        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(3));
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Request_counts_per_path_and_key_and_forbidden_calls_are_visible_in_process_and_over_the_admin_endpoint()
    {
        var data = TestData.Recent;
        await using var h = await Harness.StartAsync(data);
        var main = data.Account("main");
        var dca = data.Account("dca-bot");

        await h.PostAsync(main, Path, "limit=1");
        await h.PostAsync(main, Path, "limit=1");
        await h.PostAsync(dca, Path, "limit=1");
        await h.Http.GetAsync("/api/v2/markets/");
        await h.PostAsync(main, "/api/v2/buy/btcusd/", "amount=1");

        h.Server.Requests.Count(Path, main.Key).Should().Be(2);
        h.Server.Requests.Count(Path, dca.Key).Should().Be(1);
        h.Server.Requests.Count(Path).Should().Be(3);
        h.Server.Requests.Count("/api/v2/markets/", null).Should().Be(1);
        h.Server.Requests.Total.Should().Be(5);
        var calls = JsonDocument.Parse(await h.Http.GetStringAsync("/__admin/calls")).RootElement;
        calls.GetProperty("total").GetInt32().Should().Be(5);
        calls.GetProperty("forbiddenCalls").EnumerateArray().Single().GetProperty("path").GetString().Should().Be("/api/v2/buy/btcusd/");
        calls.GetProperty("requests").EnumerateArray().Should().Contain(r => r.GetProperty("path").GetString() == Path && r.GetProperty("count").GetInt32() == 2);

        h.Server.Requests.Clear();
        h.Server.Requests.Total.Should().Be(0);
    }
}

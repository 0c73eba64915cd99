using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.FakeBitstamp.Tests.Support;

namespace PortfolioSync.FakeBitstamp.Tests;

public sealed class AuthenticationTests
{
    private static AccountData MainOf(ServerData data) => data.Account("main");

    [Fact]
    public async Task A_correctly_signed_request_is_answered_with_a_valid_server_signature()
    {
        // Given
        var data = TestData.Tiny();
        await using var h = await Harness.StartAsync(data);
        var request = h.Signed(MainOf(data), "/api/v2/account_balances/", "foo=bar");
        var nonce = request.Headers.GetValues("X-Auth-Nonce").Single();
        var timestamp = request.Headers.GetValues("X-Auth-Timestamp").Single();

        // When
        using var response = await h.Http.SendAsync(request);

        // Then
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        response.Headers.GetValues("X-Server-Auth-Signature").Single()
            .Should().Be(TestSigner.ResponseSignature(data.Account("main").Secret, nonce, timestamp, "application/json", body));
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_with_API0005_invalid_signature()
    {
        var data = TestData.Tiny();
        await using var h = await Harness.StartAsync(data);

        using var response = await h.Http.SendAsync(h.Signed(MainOf(data), "/api/v2/account_balances/", "foo=bar", secret: "wrong"));

        var error = await Harness.ErrorOf(response);
        error.Should().BeEquivalentTo(new { Status = 403, State = "error", Reason = "Invalid signature", Code = "API0005" });
    }

    [Fact]
    public async Task An_upper_case_hex_signature_is_accepted()
    {
        var data = TestData.Tiny();
        await using var h = await Harness.StartAsync(data);
        var request = h.Signed(MainOf(data), "/api/v2/account_balances/", "foo=bar");
        var signature = request.Headers.GetValues("X-Auth-Signature").Single();
        request.Headers.Replace("X-Auth-Signature", signature.ToUpperInvariant());

        using var response = await h.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_signature_over_the_host_without_its_port_is_accepted()
    {
        var data = TestData.Tiny();
        await using var h = await Harness.StartAsync(data);

        using var response = await h.Http.SendAsync(h.Signed(MainOf(data), "/api/v2/account_balances/", "foo=bar", host: "127.0.0.1"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_post_without_a_body_and_without_a_content_type_is_accepted()
    {
        var data = TestData.Tiny();
        await using var h = await Harness.StartAsync(data);

        using var response = await h.PostAsync(MainOf(data), "/api/v2/account_balances/");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_replayed_nonce_is_refused_with_API0004_within_150_seconds_and_usable_again_after()
    {
        // Given a request that succeeded
        var data = TestData.Tiny();
        await using var h = await Harness.StartAsync(data);
        (await h.Http.SendAsync(h.Signed(MainOf(data), "/api/v2/account_balances/", "foo=bar", nonce: "n-1"))).StatusCode.Should().Be(HttpStatusCode.OK);

        // When the same nonce comes again 149 s later, and then 151 s after the first use
        h.Time.Advance(TimeSpan.FromSeconds(149));
        using var replay = await h.Http.SendAsync(h.Signed(MainOf(data), "/api/v2/account_balances/", "foo=bar", nonce: "n-1"));
        h.Time.Advance(TimeSpan.FromSeconds(2));
        using var later = await h.Http.SendAsync(h.Signed(MainOf(data), "/api/v2/account_balances/", "foo=bar", nonce: "n-1"));

        // Then
        (await Harness.ErrorOf(replay)).Should().BeEquivalentTo(new { Status = 403, Reason = "Invalid nonce", Code = "API0004" });
        later.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_forged_request_does_not_use_up_the_nonce()
    {
        var data = TestData.Tiny();
        await using var h = await Harness.StartAsync(data);

        using var forged = await h.Http.SendAsync(h.Signed(MainOf(data), "/api/v2/account_balances/", "foo=bar", nonce: "n-2", secret: "forged"));
        using var genuine = await h.Http.SendAsync(h.Signed(MainOf(data), "/api/v2/account_balances/", "foo=bar", nonce: "n-2"));

        (await Harness.ErrorOf(forged)).Code.Should().Be("API0005");
        genuine.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(-151)]
    [InlineData(151)]
    public async Task A_timestamp_more_than_150_seconds_from_the_server_clock_is_refused_with_API0017(int seconds)
    {
        var data = TestData.Tiny();
        await using var h = await Harness.StartAsync(data);

        using var response = await h.Http.SendAsync(h.Signed(MainOf(data), "/api/v2/account_balances/", "foo=bar",
            timestamp: h.Time.GetUtcNow().AddSeconds(seconds)));

        (await Harness.ErrorOf(response)).Should().BeEquivalentTo(
            new { Status = 403, Reason = "X-Auth-Timestamp header is out of boundaries", Code = "API0017" });
    }

    [Fact]
    public async Task A_timestamp_149_seconds_old_is_still_accepted()
    {
        var data = TestData.Tiny();
        await using var h = await Harness.StartAsync(data);

        using var response = await h.Http.SendAsync(h.Signed(MainOf(data), "/api/v2/account_balances/", "foo=bar",
            timestamp: h.Time.GetUtcNow().AddSeconds(-149)));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("X-Auth", "API0012", "X-Auth header is required")]
    [InlineData("X-Auth-Signature", "API0013", "X-Auth-Signature header is required")]
    [InlineData("X-Auth-Nonce", "API0014", "X-Auth-Nonce header is required")]
    [InlineData("X-Auth-Timestamp", "API0015", "X-Auth-Timestamp header is required")]
    [InlineData("X-Auth-Version", "API0016", "X-Auth-Version header is required")]
    public async Task A_missing_auth_header_is_refused_with_its_own_code(string header, string code, string reason)
    {
        var data = TestData.Tiny();
        await using var h = await Harness.StartAsync(data);
        var request = h.Signed(MainOf(data), "/api/v2/account_balances/", "foo=bar");
        request.Headers.Remove(header);

        using var response = await h.Http.SendAsync(request);

        (await Harness.ErrorOf(response)).Should().BeEquivalentTo(new { Status = 403, Reason = reason, Code = code });
    }

    [Theory]
    [InlineData("X-Auth-Version", "v1", "API0010", "Invalid version")]
    [InlineData("X-Auth", "api-key-without-prefix", "API0011", "Wrong API key format")]
    [InlineData("X-Auth-Timestamp", "12:00", "API0018", "X-Auth-Timestamp header is invalid")]
    [InlineData("X-Auth-Timestamp", "1.5e12", "API0018", "X-Auth-Timestamp header is invalid")]
    public async Task A_malformed_auth_header_is_refused(string header, string value, string code, string reason)
    {
        var data = TestData.Tiny();
        await using var h = await Harness.StartAsync(data);
        var request = h.Signed(MainOf(data), "/api/v2/account_balances/", "foo=bar");
        request.Headers.Replace(header, value);

        using var response = await h.Http.SendAsync(request);

        (await Harness.ErrorOf(response)).Should().BeEquivalentTo(new { Status = 403, Reason = reason, Code = code });
    }

    [Fact]
    public async Task A_content_type_with_a_charset_is_refused_with_API0019()
    {
        var data = TestData.Tiny();
        await using var h = await Harness.StartAsync(data);

        using var response = await h.Http.SendAsync(h.Signed(MainOf(data), "/api/v2/account_balances/", "foo=bar",
            contentType: "application/x-www-form-urlencoded; charset=utf-8"));

        (await Harness.ErrorOf(response)).Should().BeEquivalentTo(new { Status = 403, Code = "API0019", Reason = "Content-Type header is not accepted" });
    }

    [Fact]
    public async Task A_content_type_without_a_body_is_refused_with_API0020()
    {
        var data = TestData.Tiny();
        await using var h = await Harness.StartAsync(data);
        var request = h.Signed(MainOf(data), "/api/v2/account_balances/");
        request.Content = new ByteArrayContent([]);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(TestSigner.FormType);

        using var response = await h.Http.SendAsync(request);

        (await Harness.ErrorOf(response)).Should().BeEquivalentTo(new { Status = 403, Code = "API0020", Reason = "Content-Type header should not be present" });
    }

    [Fact]
    public async Task An_unknown_key_is_refused_with_API0001()
    {
        var data = TestData.Tiny();
        await using var h = await Harness.StartAsync(data);
        var stranger = new AccountData("x", "not-a-key", "whatever", ApiPermissionNames.All, TransactionHistory.Empty);

        using var response = await h.Http.SendAsync(h.Signed(stranger, "/api/v2/account_balances/", "foo=bar"));

        (await Harness.ErrorOf(response)).Should().BeEquivalentTo(new { Status = 403, Reason = "API key not found", Code = "API0001" });
    }

    [Fact]
    public async Task A_key_that_was_never_activated_is_refused_with_API0008_naming_the_activation()
    {
        var tiny = TestData.Tiny();
        var data = tiny.WithAccount(tiny.Account("main") with { Activated = false });
        await using var h = await Harness.StartAsync(data);

        using var response = await h.PostAsync(MainOf(data), "/api/v2/account_balances/", "foo=bar");

        var error = await Harness.ErrorOf(response);
        error.Status.Should().Be(403);
        error.Code.Should().Be("API0008");
        error.Reason.Should().StartWith("Authentication failed").And.Contain("not activated");
        error.Detail.Should().Contain("activation e-mail");
    }

    [Fact]
    public async Task A_key_without_the_needed_permission_is_refused_with_API0003()
    {
        var tiny = TestData.Tiny();
        var data = tiny.WithAccount(tiny.Account("main") with { Permissions = new HashSet<ApiPermission> { ApiPermission.AccountBalance } });
        await using var h = await Harness.StartAsync(data);

        using var allowed = await h.PostAsync(MainOf(data), "/api/v2/account_balances/", "foo=bar");
        using var refused = await h.PostAsync(MainOf(data), "/api/v2/user_transactions/", "limit=10");

        allowed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Harness.ErrorOf(refused)).Should().BeEquivalentTo(new { Status = 403, Reason = "No permission found", Code = "API0003" });
    }

    [Fact]
    public async Task An_address_outside_the_allow_list_is_refused_with_API0002_saying_which_address_was_seen()
    {
        var tiny = TestData.Tiny();
        var data = tiny.WithAccount(tiny.Account("main") with { IpAllowList = [IPAddress.Parse("203.0.113.7")] });
        await using var h = await Harness.StartAsync(data);

        using var response = await h.PostAsync(MainOf(data), "/api/v2/account_balances/", "foo=bar");

        var error = await Harness.ErrorOf(response);
        error.Should().BeEquivalentTo(new { Status = 403, Reason = "IP address not allowed", Code = "API0002" });
        error.Detail.Should().Contain("127.0.0.1");
    }

    [Fact]
    public async Task An_address_on_the_allow_list_is_accepted()
    {
        var tiny = TestData.Tiny();
        var data = tiny.WithAccount(tiny.Account("main") with { IpAllowList = [IPAddress.Parse("203.0.113.7"), IPAddress.Loopback] });
        await using var h = await Harness.StartAsync(data);

        using var response = await h.PostAsync(MainOf(data), "/api/v2/account_balances/", "foo=bar");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Over_the_rate_limit_a_key_gets_429_with_Bitstamps_error_and_Retry_After_until_the_window_moves_on()
    {
        // Given a limit of 3 requests per minute
        var data = TestData.Tiny();
        await using var h = await Harness.StartAsync(data, new RateLimitSettings { PermitLimit = 3, Window = TimeSpan.FromMinutes(1) });
        for (var i = 0; i < 3; i++) (await h.PostAsync(MainOf(data), "/api/v2/account_balances/", "foo=bar")).StatusCode.Should().Be(HttpStatusCode.OK);

        // When a fourth comes 20 s later, and a fifth after the first left the window
        h.Time.Advance(TimeSpan.FromSeconds(20));
        using var limited = await h.PostAsync(MainOf(data), "/api/v2/account_balances/", "foo=bar");
        h.Time.Advance(TimeSpan.FromSeconds(41));
        using var again = await h.PostAsync(MainOf(data), "/api/v2/account_balances/", "foo=bar");

        // Then
        (await Harness.ErrorOf(limited)).Should().BeEquivalentTo(new { Status = 429, State = "error", Reason = "Rate limit exceeded", Code = "400.002" });
        limited.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(40));
        again.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_rate_limit_counts_each_key_separately()
    {
        var recent = TestData.Recent;
        await using var h = await Harness.StartAsync(recent, new RateLimitSettings { PermitLimit = 1, Window = TimeSpan.FromMinutes(1) });

        using var first = await h.PostAsync(recent.Account("main"), "/api/v2/account_balances/", "foo=bar");
        using var other = await h.PostAsync(recent.Account("dca-bot"), "/api/v2/account_balances/", "foo=bar");
        using var second = await h.PostAsync(recent.Account("main"), "/api/v2/account_balances/", "foo=bar");

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        other.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_private_endpoint_called_with_get_is_refused_with_405()
    {
        var data = TestData.Tiny();
        await using var h = await Harness.StartAsync(data);

        using var response = await h.Http.GetAsync("/api/v2/user_transactions/");

        (await Harness.ErrorOf(response)).Status.Should().Be(405);
    }

    [Fact]
    public async Task The_body_is_verified_as_the_exact_bytes_sent()
    {
        // Given a request signed over "limit=5&offset=0" but sent with the fields in another order
        var data = TestData.Tiny();
        await using var h = await Harness.StartAsync(data);
        var request = h.Signed(MainOf(data), "/api/v2/user_transactions/", "limit=5&offset=0");
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("offset=0&limit=5"));
        request.Content.Headers.TryAddWithoutValidation("Content-Type", TestSigner.FormType);

        using var response = await h.Http.SendAsync(request);

        (await Harness.ErrorOf(response)).Code.Should().Be("API0005");
    }
}

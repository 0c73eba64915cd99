using System.Net;
using PortfolioSync.Bitstamp.Errors;
using PortfolioSync.Bitstamp.Tests.Support;

namespace PortfolioSync.Bitstamp.Tests.Errors;

public sealed class ErrorMessageTests
{
    public static TheoryData<HttpStatusCode, string, BitstampErrorKind, string, bool> Cases => new()
    {
        { HttpStatusCode.Forbidden, """{"status":"error","reason":"API key not found","code":"API0001"}""", BitstampErrorKind.InvalidCredentials, "check the key and secret of account 'dca-bot' (key …WXYZ): a typo or missing characters", true },
        { HttpStatusCode.Forbidden, """{"status":"error","reason":"Invalid signature","code":"API0005"}""", BitstampErrorKind.InvalidCredentials, "check the key and secret of account 'dca-bot'", true },
        { HttpStatusCode.Forbidden, """{"status":"error","reason":"No permission found","code":"API0003"}""", BitstampErrorKind.MissingPermission, "'User transactions' permission", true },
        { HttpStatusCode.Forbidden, """{"error":"No permission found"}""", BitstampErrorKind.MissingPermission, "'User transactions' permission", true },
        { HttpStatusCode.Forbidden, """{"status":"error","reason":"API key not activated","code":"API0001"}""", BitstampErrorKind.KeyNotActivated, "activation e-mail", true },
        { HttpStatusCode.Forbidden, """{"status":"error","reason":"IP address not allowed: 203.0.113.9","code":"API0002"}""", BitstampErrorKind.IpNotAllowed, "saw this machine as 203.0.113.9", true },
        { HttpStatusCode.Forbidden, """{"status":"error","reason":"IP address not allowed","code":"API0002"}""", BitstampErrorKind.IpNotAllowed, "add this machine's public address", true },
        { HttpStatusCode.Forbidden, """{"status":"error","reason":"Timestamp is outside of 150 seconds window","code":"API0017"}""", BitstampErrorKind.ClockSkew, "your clock differs from Bitstamp's by more than 150 s: sync it (timedatectl", true },
        { HttpStatusCode.Forbidden, """{"status":"error","reason":"Account frozen","code":"API0006"}""", BitstampErrorKind.AccountRestricted, "log in to Bitstamp", true },
        { HttpStatusCode.Forbidden, """{"status":"error","reason":"Content type not accepted","code":"API0019"}""", BitstampErrorKind.ProtocolError, "PortfolioSync bug", false },
        { HttpStatusCode.OK, """{"status":"error","reason":{"__all__":["Invalid offset."]}}""", BitstampErrorKind.BadRequest, "report it", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_refusal_names_the_account_and_the_fix_and_never_the_secret_or_full_key(
        HttpStatusCode status, string body, BitstampErrorKind kind, string fix, bool isAuth)
    {
        var log = new List<string>();
        var transport = new ScriptedTransport().Then(status, body);
        var client = Clients.Client(transport, Clients.Time(), Clients.FastOptions(log), account: "dca-bot");

        var act = () => client.GetUserTransactionsPageAsync(null, 1000, CancellationToken.None);

        var error = (await act.Should().ThrowAsync<BitstampApiException>()).Which;
        error.Kind.Should().Be(kind);
        error.IsAuthProblem.Should().Be(isAuth);
        error.Account.Should().Be("dca-bot");
        error.Fix.Should().Contain(fix);
        error.Message.Should().Contain("'dca-bot'").And.Contain(fix);
        NoSecretIn(error.Message, error.ToString(), error.Fix, error.ServerReason ?? "", string.Join('\n', log));
    }

    [Fact]
    public async Task A_clock_skew_error_shows_both_clocks_when_the_server_sends_a_date()
    {
        var time = Clients.Time();
        var transport = new ScriptedTransport().Then(HttpStatusCode.Forbidden,
            """{"status":"error","reason":"Timestamp is outside of 150 seconds window","code":"API0017"}""",
            r => r.Headers.Date = time.GetUtcNow().AddMinutes(10));
        var client = Clients.Client(transport, time);

        var act = () => client.GetBalancesAsync(CancellationToken.None);

        (await act.Should().ThrowAsync<BitstampApiException>()).Which.Fix
            .Should().Contain("this machine said 2023-11-14 22:13:20Z, the server 2023-11-14 22:23:20Z: +600 s");
    }

    [Fact]
    public async Task The_permission_named_follows_the_endpoint()
    {
        var transport = new ScriptedTransport().Then(HttpStatusCode.Forbidden, """{"status":"error","reason":"No permission found","code":"API0003"}""");
        var client = Clients.Client(transport, Clients.Time());

        var act = () => client.GetBalancesAsync(CancellationToken.None);

        (await act.Should().ThrowAsync<BitstampApiException>()).Which.Fix.Should().Contain("'Account balance' permission");
    }

    [Fact]
    public async Task A_server_that_echoes_the_key_id_gets_it_masked()
    {
        var transport = new ScriptedTransport().Then(HttpStatusCode.Forbidden,
            $$"""{"status":"error","reason":"key {{Clients.CanaryKey}} not found","code":"API0001"}""");
        var client = Clients.Client(transport, Clients.Time());

        var act = () => client.GetBalancesAsync(CancellationToken.None);

        var error = (await act.Should().ThrowAsync<BitstampApiException>()).Which;
        error.ServerReason.Should().Be("key …WXYZ not found");
        NoSecretIn(error.ToString());
    }

    [Fact]
    public void Client_credentials_and_options_print_no_secret()
    {
        var credentials = Clients.Credentials();
        using var client = Clients.Client(new ScriptedTransport(), Clients.Time(), credentials: credentials);

        NoSecretIn(credentials.ToString(), client.ToString()!, credentials.Secret.ToString(), new BitstampClientOptions().ToString()!);
    }

    private static void NoSecretIn(params string[] texts)
    {
        foreach (var text in texts)
        {
            text.Should().NotContain(Clients.CanarySecret);
            text.Should().NotContain(Clients.CanarySecret[..12]);
            text.Should().NotContain(Clients.CanaryKey);
        }
    }
}

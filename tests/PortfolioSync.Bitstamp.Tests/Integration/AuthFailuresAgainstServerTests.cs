using PortfolioSync.Bitstamp.Errors;
using PortfolioSync.Bitstamp.Tests.Support;
using PortfolioSync.FakeBitstamp;
using PortfolioSync.FakeBitstamp.Data;

namespace PortfolioSync.Bitstamp.Tests.Integration;

public sealed class AuthFailuresAgainstServerTests
{
    private static async Task<(BitstampApiException Error, List<string> Log)> FailWith(Func<AccountData, AccountData> change,
        FaultSettings? faults = null, string? clientSecret = null, string? clientKey = null)
    {
        var original = FakeServer.GeneratedData.Account("dca-bot");
        var account = change(original with { Secret = Clients.CanarySecret });
        await using var server = await FakeServer.StartAsync(FakeServer.GeneratedData.WithAccount(account), faults);
        var log = new List<string>();
        var options = new BitstampClientOptions { DebugLog = line => { lock (log) log.Add(line); } };
        var credentials = new Auth.ApiCredentials(new Auth.ApiKeyId(clientKey ?? account.Key), Auth.Secret.FromString(clientSecret ?? Clients.CanarySecret));
        using var client = new BitstampClient(account.Name, server.BaseUrl, credentials, options, TimeProvider.System);

        var act = () => client.GetUserTransactionsPageAsync(null, 1000, CancellationToken.None);

        var error = (await act.Should().ThrowAsync<BitstampApiException>()).Which;
        error.Attempts.Should().Be(1, "auth and permission errors are not retried");
        error.IsAuthProblem.Should().BeTrue();
        error.Account.Should().Be("dca-bot");
        server.Requests.Total.Should().Be(1);
        server.ForbiddenCalls.Should().BeEmpty();
        foreach (var text in new[] { error.Message, error.ToString(), string.Join('\n', log) })
        {
            text.Should().NotContain(Clients.CanarySecret);
            text.Should().NotContain(account.Key);
        }
        return (error, log);
    }

    [Fact]
    public async Task A_wrong_secret_asks_to_check_key_and_secret()
    {
        var (error, _) = await FailWith(a => a, clientSecret: "wrong-" + Clients.CanarySecret[..10]);

        error.Kind.Should().Be(BitstampErrorKind.InvalidCredentials);
        error.ApiCode.Should().Be("API0005");
        error.Message.Should().Contain("check the key and secret of account 'dca-bot'");
    }

    [Fact]
    public async Task An_unknown_key_asks_to_check_key_and_secret()
    {
        var (error, _) = await FailWith(a => a, clientKey: "nosuchkey0000000000000000000000");

        error.Kind.Should().Be(BitstampErrorKind.InvalidCredentials);
        error.ApiCode.Should().Be("API0001");
    }

    [Fact]
    public async Task A_missing_permission_is_named()
    {
        var (error, _) = await FailWith(a => a with { Permissions = a.Permissions.Where(p => p != ApiPermission.UserTransactions).ToHashSet() });

        error.Kind.Should().Be(BitstampErrorKind.MissingPermission);
        error.Fix.Should().Contain("'User transactions' permission").And.Contain("dca-bot");
    }

    [Fact]
    public async Task An_inactive_key_points_to_the_activation_e_mail()
    {
        var (error, _) = await FailWith(a => a with { Activated = false });

        error.Kind.Should().Be(BitstampErrorKind.KeyNotActivated);
        error.Fix.Should().Contain("activation e-mail");
    }

    [Fact]
    public async Task An_ip_outside_the_allow_list_shows_the_address_the_server_saw()
    {
        var (error, _) = await FailWith(a => a with { IpAllowList = [System.Net.IPAddress.Parse("203.0.113.77")] });

        error.Kind.Should().Be(BitstampErrorKind.IpNotAllowed);
        error.Fix.Should().Contain("saw this machine as 127.0.0.1");
    }

    [Fact]
    public async Task A_server_clock_ten_minutes_away_is_clock_skew_with_the_ntp_fix()
    {
        var (error, _) = await FailWith(a => a, new FaultSettings { ClockOffset = TimeSpan.FromMinutes(10) });

        error.Kind.Should().Be(BitstampErrorKind.ClockSkew);
        error.Fix.Should().Contain("your clock differs from Bitstamp's by more than 150 s: sync it (timedatectl");
        error.Fix.Should().NotContain("this machine said", "the server's Date header does not show its offset, so no clock figures are claimed");
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using PortfolioSync.Bitstamp.Auth;
using PortfolioSync.Bitstamp.Errors;
using PortfolioSync.Bitstamp.Tests.Support;

namespace PortfolioSync.Bitstamp.Tests.Signing;

public sealed class SigningHandlerTests
{
    private const string DocsNonce = "f93c979d-b00d-43a9-9b9c-fd4cd9547fa6";

    private static (BitstampClient Client, ScriptedTransport Transport) DocsClient(string baseUrl, BitstampClientOptions? options = null)
    {
        var transport = new ScriptedTransport();
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1567755304968));
        options ??= Clients.FastOptions();
        options.NonceFactory = () => DocsNonce;
        var client = Clients.Client(transport, time, options, credentials: Clients.Credentials("api_key", "api_key_secret"), baseUrl: baseUrl);
        return (client, transport);
    }

    [Fact]
    public async Task A_bodiless_request_to_a_non_default_port_matches_TV6_and_sends_no_content_type()
    {
        var (client, transport) = DocsClient("http://localhost:5000");

        await client.GetBalancesAsync(CancellationToken.None);

        var sent = transport.Requests.Single();
        sent.Uri.ToString().Should().Be("http://localhost:5000/api/v2/account_balances/");
        sent.Headers["X-Auth-Signature"].Should().Be("bdc4e5d954bb047c8d7f1705a292772a79b671e93d05eb3d80974474fb42ad72");
        sent.ContentType.Should().BeNull();
        sent.Body.Should().BeNull();
    }

    [Fact]
    public async Task The_paging_request_matches_TV4_with_an_exact_form_content_type()
    {
        var (client, transport) = DocsClient("https://www.bitstamp.net");

        await client.GetUserTransactionsPageAsync(1, 1000, CancellationToken.None);

        var sent = transport.Requests.Single();
        sent.BodyText.Should().Be("limit=1000&since_id=1&sort=asc");
        sent.ContentType.Should().Be("application/x-www-form-urlencoded");
        sent.Headers["X-Auth"].Should().Be("BITSTAMP api_key");
        sent.Headers["X-Auth-Nonce"].Should().Be(DocsNonce);
        sent.Headers["X-Auth-Timestamp"].Should().Be("1567755304968");
        sent.Headers["X-Auth-Version"].Should().Be("v2");
        sent.Headers["X-Auth-Signature"].Should().Be("d656bed5d2cade3b5421d90802e00f572985476d1287be15888ccedda9f862ed");
    }

    [Fact]
    public async Task Every_request_gets_a_fresh_lower_case_uuid_v4_nonce_and_the_injected_time()
    {
        var transport = new ScriptedTransport();
        var time = Clients.Time();
        var client = Clients.Client(transport, time);

        await client.GetBalancesAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(5));
        await client.GetBalancesAsync(CancellationToken.None);

        var sent = transport.Requests.ToArray();
        sent.Select(r => r.Headers["X-Auth-Nonce"]).Should().OnlyHaveUniqueItems()
            .And.AllSatisfy(n => Regex.IsMatch(n, "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$").Should().BeTrue(n));
        sent.Select(r => r.Headers["X-Auth-Timestamp"]).Should().Equal("1700000000000", "1700000005000");
    }

    [Fact]
    public async Task Public_endpoints_carry_no_authentication_headers()
    {
        var transport = new ScriptedTransport();
        var client = Clients.Client(transport, Clients.Time());

        await client.GetMarketsAsync(CancellationToken.None);

        var sent = transport.Requests.Single();
        sent.Method.Should().Be("GET");
        sent.Headers.Keys.Should().NotContain(k => k.StartsWith("X-Auth", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_correct_server_signature_is_accepted()
    {
        var (client, transport) = DocsClient("https://www.bitstamp.net");
        transport.Then(HttpStatusCode.OK, "[]", r => r.Headers.Add("X-Server-Auth-Signature",
            RequestSigner.SignResponse(Secret.FromString("api_key_secret"), DocsNonce, "1567755304968", "application/json", "[]"u8)));

        var balances = await client.GetBalancesAsync(CancellationToken.None);

        balances.Should().BeEmpty();
        client.Statistics.UnsignedResponses.Should().Be(0);
    }

    [Fact]
    public async Task Under_strict_a_wrong_server_signature_is_a_typed_error_and_is_not_retried()
    {
        var strict = Clients.FastOptions();
        strict.ResponseSignature = ResponseSignatureMode.Strict;
        var (client, transport) = DocsClient("https://www.bitstamp.net", strict);
        transport.Then(HttpStatusCode.OK, "[]", r => r.Headers.Add("X-Server-Auth-Signature", new string('0', 64)));

        var act = () => client.GetBalancesAsync(CancellationToken.None);

        (await act.Should().ThrowAsync<BitstampApiException>()).Which.Kind.Should().Be(BitstampErrorKind.ResponseSignatureMismatch);
        transport.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task By_default_a_wrong_server_signature_is_accepted_counted_and_logged()
    {
        var log = new List<string>();
        var (client, transport) = DocsClient("https://www.bitstamp.net", Clients.FastOptions(log));
        transport.Then(HttpStatusCode.OK, """[{"currency":"btc","total":"1.0","available":"1.0","reserved":"0.0"}]""",
            r => r.Headers.Add("X-Server-Auth-Signature", new string('0', 64)));

        var balances = await client.GetBalancesAsync(CancellationToken.None);

        balances.Should().ContainSingle().Which.Value!.Total.Should().Be(1m);
        client.Statistics.SignatureMismatches.Should().Be(1);
        log.Should().ContainSingle(l => l.Contains("does not match; accepted (responseSignature: warn)"));
    }

    [Fact]
    public async Task Under_off_no_signature_is_checked()
    {
        var off = Clients.FastOptions();
        off.ResponseSignature = ResponseSignatureMode.Off;
        var (client, transport) = DocsClient("https://www.bitstamp.net", off);
        transport.Then(HttpStatusCode.OK, "[]", r => r.Headers.Add("X-Server-Auth-Signature", new string('0', 64)));

        await client.GetBalancesAsync(CancellationToken.None);

        client.Statistics.SignatureMismatches.Should().Be(0);
        client.Statistics.UnsignedResponses.Should().Be(0);
    }

    [Fact]
    public async Task A_missing_server_signature_is_accepted_counted_and_logged_at_debug()
    {
        var log = new List<string>();
        var (client, _) = DocsClient("https://www.bitstamp.net", Clients.FastOptions(log));

        await client.GetBalancesAsync(CancellationToken.None);

        client.Statistics.UnsignedResponses.Should().Be(1);
        log.Should().ContainSingle(l => l.Contains("without X-Server-Auth-Signature"));
    }
}

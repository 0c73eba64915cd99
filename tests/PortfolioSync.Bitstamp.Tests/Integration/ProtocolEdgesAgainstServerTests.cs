using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PortfolioSync.Bitstamp.Auth;
using PortfolioSync.FakeBitstamp;

namespace PortfolioSync.Bitstamp.Tests.Integration;

/// <summary>
/// The client's signer and the server's independent verifier agree on the protocol's edges (bitstamp-api.md §1),
/// probed with hand-made requests to a read endpoint.
/// </summary>
public sealed class ProtocolEdgesAgainstServerTests : IAsyncLifetime
{
    private FakeBitstampServer _server = null!;
    private readonly HttpClient _raw = new() { DefaultRequestHeaders = { { "User-Agent", "tests/1.0" } } };

    public async Task InitializeAsync() => _server = await FakeServer.StartAsync();

    public async Task DisposeAsync()
    {
        _raw.Dispose();
        _server.ForbiddenCalls.Should().BeEmpty();
        await _server.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, string Body)> Send(string body, string? contentType, string? signedContentType = null,
        string? nonce = null, long? timestampMs = null, string? signedHost = null, bool upperHex = false)
    {
        var account = _server.Data.Accounts[0];
        var creds = FakeServer.CredentialsOf(account);
        nonce ??= Guid.NewGuid().ToString("D");
        var timestamp = (timestampMs ?? TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds()).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var path = "/api/v2/user_transactions/";
        var bytes = Encoding.ASCII.GetBytes(body);
        var signature = RequestSigner.SignRequest(creds.Secret, creds.Key, "POST", signedHost ?? _server.BaseUrl.Authority, path,
            bytes.Length == 0 ? "" : signedContentType ?? contentType ?? "", nonce, timestamp, bytes);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.BaseUrl, path));
        if (bytes.Length > 0 || contentType is not null)
        {
            request.Content = new ByteArrayContent(bytes);
            if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        request.Headers.Add("X-Auth", "BITSTAMP " + creds.Key.Value);
        request.Headers.Add("X-Auth-Signature", upperHex ? signature.ToUpperInvariant() : signature);
        request.Headers.Add("X-Auth-Nonce", nonce);
        request.Headers.Add("X-Auth-Timestamp", timestamp);
        request.Headers.Add("X-Auth-Version", "v2");
        using var response = await _raw.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_exact_form_content_type_is_accepted() =>
        (await Send("limit=1", "application/x-www-form-urlencoded")).Status.Should().Be(HttpStatusCode.OK);

    [Fact]
    public async Task A_charset_on_the_content_type_is_API0019() =>
        (await Send("limit=1", "application/x-www-form-urlencoded; charset=utf-8")).Body.Should().Contain("API0019");

    [Fact]
    public async Task A_content_type_without_a_body_is_API0020() =>
        (await Send("", "application/x-www-form-urlencoded")).Body.Should().Contain("API0020");

    [Fact]
    public async Task A_reused_nonce_is_API0004()
    {
        var nonce = Guid.NewGuid().ToString("D");
        (await Send("limit=1", "application/x-www-form-urlencoded", nonce: nonce)).Status.Should().Be(HttpStatusCode.OK);

        (await Send("limit=1", "application/x-www-form-urlencoded", nonce: nonce)).Body.Should().Contain("API0004");
    }

    [Fact]
    public async Task Upper_case_hex_and_a_host_signed_without_its_port_are_accepted()
    {
        (await Send("limit=1", "application/x-www-form-urlencoded", upperHex: true)).Status.Should().Be(HttpStatusCode.OK);
        (await Send("limit=1", "application/x-www-form-urlencoded", signedHost: _server.BaseUrl.Host)).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_timestamp_200_s_old_is_API0017() =>
        (await Send("limit=1", "application/x-www-form-urlencoded", timestampMs: TimeProvider.System.GetUtcNow().AddSeconds(-200).ToUnixTimeMilliseconds()))
            .Body.Should().Contain("API0017");
}

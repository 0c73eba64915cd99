using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PortfolioSync.FakeBitstamp.Data;

namespace PortfolioSync.FakeBitstamp.Tests.Support;

/// <summary>A server on a free loopback port with a fake clock, and a client that signs like Bitstamp clients do.</summary>
internal sealed class Harness : IAsyncDisposable
{
    private Harness(FakeBitstampServer server, FakeTimeProvider time)
    {
        Server = server;
        Time = time;
        Http = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromSeconds(20) };
        Http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", "PortfolioSync-tests/1.0");   // the server's firewall refuses requests without one
    }

    public FakeBitstampServer Server { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Http { get; }

    public string Host => "127.0.0.1:" + Server.Port.ToString(CultureInfo.InvariantCulture);

    public static async Task<Harness> StartAsync(
        ServerData data, RateLimitSettings? rateLimit = null, FaultSettings? faults = null, DateTimeOffset? now = null)
    {
        var time = new FakeTimeProvider(now ?? TestData.Now);
        var server = await FakeBitstampServer.StartAsync(new FakeServerOptions(data)
        {
            Time = time,
            RateLimit = rateLimit ?? RateLimitSettings.Default,
            Faults = faults ?? FaultSettings.None,
        }, CancellationToken.None);
        return new Harness(server, time);
    }

    /// <summary>A signed POST, built as ccxt and Bitstamp's examples build it.</summary>
    public HttpRequestMessage Signed(
        AccountData account, string path, string body = "", string? nonce = null, DateTimeOffset? timestamp = null,
        string? secret = null, string? host = null, string contentType = TestSigner.FormType)
    {
        nonce ??= Guid.NewGuid().ToString();
        var ts = (timestamp ?? Time.GetUtcNow()).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var signedType = body.Length > 0 ? contentType : "";
        var q = path.IndexOf('?', StringComparison.Ordinal);
        var (p, query) = q < 0 ? (path, "") : (path[..q], path[q..]);
        var signature = TestSigner.RequestSignature(account.Key, secret ?? account.Secret, "POST", host ?? Host, p, query, signedType, nonce, ts, body);
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("X-Auth", "BITSTAMP " + account.Key);
        request.Headers.Add("X-Auth-Signature", signature);
        request.Headers.Add("X-Auth-Nonce", nonce);
        request.Headers.Add("X-Auth-Timestamp", ts);
        request.Headers.Add("X-Auth-Version", "v2");
        if (body.Length > 0)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return request;
    }

    public Task<HttpResponseMessage> PostAsync(AccountData account, string path, string body = "") =>
        Http.SendAsync(Signed(account, path, body));

    /// <summary>POSTs and returns the parsed JSON of a 200 answer (fails the test otherwise).</summary>
    public async Task<JsonElement> JsonAsync(AccountData account, string path, string body = "")
    {
        using var response = await PostAsync(account, path, body);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().Be(200, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<ErrorAnswer> ErrorOf(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        return new ErrorAnswer((int)response.StatusCode, root.GetProperty("status").GetString()!, root.GetProperty("reason").GetString()!,
            root.GetProperty("code").GetString()!, root.TryGetProperty("detail", out var d) ? d.GetString() : null, text);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}

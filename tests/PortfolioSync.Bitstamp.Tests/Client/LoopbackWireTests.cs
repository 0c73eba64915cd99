using System.Text;
using Microsoft.AspNetCore.Http;
using PortfolioSync.Bitstamp.Tests.Support;

namespace PortfolioSync.Bitstamp.Tests.Client;

/// <summary>Over real loopback HTTP (a tiny Kestrel), what goes over the wire and how a real dropped body is handled.</summary>
public sealed class LoopbackWireTests
{
    private const string Page = """[{"id":1,"datetime":"2024-01-01 00:00:00","type":"0","fee":"0","btc":"1"}]""";

    [Fact]
    public async Task On_the_wire_a_form_body_has_the_exact_content_type_and_a_bodiless_post_has_none()
    {
        await using var server = await TinyServer.StartAsync((c, _) => c.Response.WriteAsync("[]"));
        using var client = new BitstampClient("main", server.BaseUrl, Clients.Credentials(), Clients.FastOptions(), TimeProvider.System);

        await client.GetUserTransactionsPageAsync(5, 1000, CancellationToken.None);
        await client.GetBalancesAsync(CancellationToken.None);

        var seen = server.Seen.ToArray();
        seen[0].ContentType.Should().Be("application/x-www-form-urlencoded");
        seen[0].Body.Should().Be("limit=1000&since_id=5&sort=asc");
        seen[1].ContentType.Should().BeNull();
        seen[1].Body.Should().BeEmpty();
        seen[1].Headers["X-Auth"].ToString().Should().Be("BITSTAMP " + Clients.CanaryKey);
    }

    [Fact]
    public async Task Every_request_signed_or_public_carries_the_PortfolioSync_User_Agent_with_version_and_project_url()
    {
        await using var server = await TinyServer.StartAsync((c, _) =>
            c.Response.WriteAsync(c.Request.Path.Value!.Contains("ohlc", StringComparison.Ordinal) ? """{"data":{"pair":"BTC/USD","ohlc":[]}}""" : "[]"));
        using var client = new BitstampClient("main", server.BaseUrl, Clients.Credentials(), Clients.FastOptions(), TimeProvider.System);

        await client.GetUserTransactionsPageAsync(null, 1000, CancellationToken.None);
        await client.GetMarketsAsync(CancellationToken.None);
        await client.GetOhlcAsync("btcusd", 86400, NodaTime.Instant.FromUnixTimeSeconds(1_700_000_000), null, 10, CancellationToken.None);

        var agents = server.Seen.Select(s => s.Headers.UserAgent.ToString()).ToList();
        agents.Should().HaveCount(3).And.OnlyContain(a => a == BitstampClientOptions.DefaultUserAgent);
        BitstampClientOptions.DefaultUserAgent.Should().MatchRegex(@"^PortfolioSync/\d+\.\d+\.\d+\S* \(\+https://\S+\)$");
    }

    [Fact]
    public async Task A_connection_dropped_mid_body_is_retried_and_the_page_still_arrives_byte_for_byte()
    {
        await using var server = await TinyServer.StartAsync(async (c, n) =>
        {
            var bytes = Encoding.UTF8.GetBytes(Page);
            c.Response.ContentType = "application/json";
            if (n == 1)
            {
                c.Response.ContentLength = bytes.Length;
                await c.Response.Body.WriteAsync(bytes.AsMemory(0, 20));
                await c.Response.Body.FlushAsync();
                c.Abort();
                return;
            }
            await c.Response.Body.WriteAsync(bytes);
        });
        using var client = new BitstampClient("main", server.BaseUrl, Clients.Credentials(), Clients.FastOptions(), TimeProvider.System);

        var page = await client.GetUserTransactionsPageAsync(null, 1000, CancellationToken.None);

        page.Records.Single().RawJson.Should().Be(Page[1..^1]);
        server.Seen.Should().HaveCount(2);
        client.Statistics.Retries.Should().Be(1);
    }
}

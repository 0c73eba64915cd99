using System.Net.Http.Headers;
using System.Text;
using PortfolioSync.Bitstamp.Endpoints;
using PortfolioSync.Bitstamp.Tests.Support;

namespace PortfolioSync.Bitstamp.Tests.Integration;

public sealed class AllowListAgainstServerTests
{
    [Fact]
    public async Task No_non_read_endpoint_reaches_the_running_server_through_the_clients_handler_chain()
    {
        await using var server = await FakeServer.StartAsync();
        var account = server.Data.Accounts[0];
        using var http = new HttpClient(BitstampClient.CreateHandlerChain(account.Name, server.BaseUrl,
            FakeServer.CredentialsOf(account), new BitstampClientOptions(), TimeProvider.System, transport: null));
        var refused = 0;

        foreach (var (method, path) in NonReadEndpoints.All())
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(server.BaseUrl, path));
            if (method != "GET") request.Content = new StringContent("amount=1&address=x&currency=btc", Encoding.ASCII, "application/x-www-form-urlencoded");
            try
            {
                using var response = await http.SendAsync(request);
            }
            catch (ForbiddenEndpointException)
            {
                refused++;
            }
        }

        refused.Should().Be(NonReadEndpoints.All().Count());
        server.ForbiddenCalls.Should().BeEmpty();
        server.Requests.Total.Should().Be(0, "not a single byte reached the server");
    }

    [Fact]
    public async Task Allowed_reads_do_reach_the_server_through_the_same_chain()
    {
        await using var server = await FakeServer.StartAsync();
        var account = server.Data.Accounts[0];
        using var http = new HttpClient(BitstampClient.CreateHandlerChain(account.Name, server.BaseUrl,
            FakeServer.CredentialsOf(account), new BitstampClientOptions(), TimeProvider.System, transport: null));

        using var response = await http.PostAsync(new Uri(server.BaseUrl, "/api/v2/account_balances/"), null);

        response.IsSuccessStatusCode.Should().BeTrue();
        server.Requests.Total.Should().Be(1);
        server.ForbiddenCalls.Should().BeEmpty();
    }

    [Fact]
    public async Task Control_the_servers_recorder_does_see_a_denied_call_made_without_the_client()
    {
        await using var server = await FakeServer.StartAsync();
        using var raw = new HttpClient();
        var content = new ByteArrayContent("amount=1"u8.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");

        using var response = await raw.PostAsync(new Uri(server.BaseUrl, "/api/v2/btc_withdrawal/"), content);

        server.ForbiddenCalls.Should().ContainSingle().Which.Path.Should().Be("/api/v2/btc_withdrawal/");
    }

    [Fact]
    public async Task Every_read_method_of_the_client_leaves_the_forbidden_record_empty()
    {
        await using var server = await FakeServer.StartAsync();
        var main = server.Data.Account("main");
        using var client = FakeServer.ClientFor(server, main);

        await client.GetUserTransactionsPageAsync(null, 10, CancellationToken.None);
        await client.GetBalancesAsync(CancellationToken.None);
        await client.GetCryptoTransactionsAsync(0, 100, CancellationToken.None);
        var markets = await client.GetMarketsAsync(CancellationToken.None);
        var ohlc = await client.GetOhlcAsync(markets[0].Value!.Symbol, 86400, null, null, 1000, CancellationToken.None);
        await client.GetWithdrawalRequestsAsync(0, 100, CancellationToken.None);

        markets.Should().NotBeEmpty().And.OnlyContain(m => !m.IsMalformed);
        ohlc.Candles.Should().NotBeEmpty().And.OnlyContain(c => !c.IsMalformed);
        server.ForbiddenCalls.Should().BeEmpty();
    }
}

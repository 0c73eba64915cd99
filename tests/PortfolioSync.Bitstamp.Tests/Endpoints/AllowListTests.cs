using System.Text;
using PortfolioSync.Bitstamp.Endpoints;
using PortfolioSync.Bitstamp.Tests.Support;

namespace PortfolioSync.Bitstamp.Tests.Endpoints;

public sealed class AllowListTests
{
    private const string Base = "http://127.0.0.1:5000";

    public static TheoryData<string, string> NonRead => NonReadEndpoints.Theory();

    [Theory]
    [MemberData(nameof(NonRead))]
    public async Task A_non_read_endpoint_sent_through_the_client_handler_chain_is_refused_before_anything_is_sent(string method, string path)
    {
        var transport = new ScriptedTransport();
        using var http = new HttpClient(BitstampClient.CreateHandlerChain("main", new Uri(Base), Clients.Credentials(),
            Clients.FastOptions(), Clients.Time(), transport));
        using var request = new HttpRequestMessage(new HttpMethod(method), Base + path)
        {
            Content = method == "GET" ? null : new ByteArrayContent(Encoding.ASCII.GetBytes("amount=1&address=x")),
        };

        var act = () => http.SendAsync(request);

        await act.Should().ThrowAsync<ForbiddenEndpointException>();
        transport.Requests.Should().BeEmpty();
        request.Headers.Contains("X-Auth-Signature").Should().BeFalse("nothing is signed before the allow-list check");
    }

    [Fact]
    public void The_catalogue_of_non_read_endpoints_is_large_and_has_no_allowed_entry()
    {
        var all = NonReadEndpoints.All().ToList();

        all.Count.Should().BeGreaterThan(120);
        foreach (var (method, path) in all.Where(e => !e.Path.Contains('?')))   // a query on POST is refused by the handler
        {
            var uri = new Uri(Base + path);
            BitstampEndpoint.TryMatch(new HttpMethod(method), uri.AbsolutePath, out _).Should().BeFalse($"{method} {path}");
        }
    }

    [Fact]
    public async Task Another_host_is_refused_even_for_a_read_endpoint()
    {
        var transport = new ScriptedTransport();
        using var http = new HttpClient(BitstampClient.CreateHandlerChain("main", new Uri(Base), Clients.Credentials(),
            Clients.FastOptions(), Clients.Time(), transport));

        var act = () => http.PostAsync("http://evil.example:5000/api/v2/account_balances/", null);

        (await act.Should().ThrowAsync<ForbiddenEndpointException>()).Which.Message.Should().Contain("only http://127.0.0.1:5000");
        transport.Requests.Should().BeEmpty();
    }

    public static TheoryData<string, string> Allowed => new()
    {
        { "POST", "/api/v2/account_balances/" }, { "POST", "/api/v2/account_balances/btc/" },
        { "POST", "/api/v2/user_transactions/" }, { "POST", "/api/v2/user_transactions/btcusd/" },
        { "POST", "/api/v2/crypto-transactions/" }, { "POST", "/api/v2/withdrawal-requests/" },
        { "POST", "/api/v2/fees/trading/" }, { "POST", "/api/v2/fees/withdrawal/" }, { "POST", "/api/v2/open_orders/all/" },
        { "GET", "/api/v2/markets/" }, { "GET", "/api/v2/currencies/" }, { "GET", "/api/v2/ohlc/btcusd/?step=86400&limit=10" },
        { "GET", "/api/v2/ticker/btcusd/" }, { "GET", "/api/v2/trading-pairs-info/" },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public async Task Every_allow_listed_read_endpoint_passes(string method, string path)
    {
        var transport = new ScriptedTransport();
        using var http = new HttpClient(BitstampClient.CreateHandlerChain("main", new Uri(Base), Clients.Credentials(),
            Clients.FastOptions(), Clients.Time(), transport));

        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), Base + path));

        transport.Requests.Should().ContainSingle().Which.Headers.ContainsKey("X-Auth").Should().Be(method == "POST");
    }

    [Theory]
    [InlineData("btc_withdrawal")]
    [InlineData("btc_address")]
    [InlineData("../buy")]
    [InlineData("BTCUSD")]
    [InlineData("")]
    [InlineData("btc/usd")]
    public void Endpoint_factories_refuse_segments_that_are_not_plain_codes(string segment)
    {
        ((Action)(() => BitstampEndpoint.UserTransactionsOf(segment))).Should().Throw<ArgumentException>();
        ((Action)(() => BitstampEndpoint.Ohlc(segment))).Should().Throw<ArgumentException>();
        ((Action)(() => BitstampEndpoint.AccountBalance(segment))).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void The_endpoint_set_is_closed_to_reads_only()
    {
        var fixedEndpoints = typeof(BitstampEndpoint).GetProperties()
            .Where(p => p.PropertyType == typeof(BitstampEndpoint) && p.GetMethod!.IsStatic)
            .Select(p => (BitstampEndpoint)p.GetValue(null)!).ToList();

        fixedEndpoints.Should().HaveCount(10);
        typeof(BitstampEndpoint).GetConstructors().Should().BeEmpty("no endpoint can be made outside the allow-list");
        foreach (var endpoint in fixedEndpoints)
            BitstampEndpoint.TryMatch(endpoint.Method, endpoint.Path, out var matched).Should().BeTrue(endpoint.ToString());
    }
}

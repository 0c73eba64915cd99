using System.Net;
using PortfolioSync.FakeBitstamp.Tests.Support;

namespace PortfolioSync.FakeBitstamp.Tests;

public sealed class ForbiddenEndpointTests
{
    [Theory]
    [InlineData("/api/v2/buy/btcusd/", "amount=1&price=100")]
    [InlineData("/api/v2/sell/btcusd/", "amount=1&price=100")]
    [InlineData("/api/v2/buy/market/btcusd/", "amount=1")]
    [InlineData("/api/v2/sell/instant/btcusd/", "amount=1")]
    [InlineData("/api/v2/cancel_order/", "id=1")]
    [InlineData("/api/v2/cancel_all_orders/", "")]
    [InlineData("/api/v2/cancel_all_orders/btcusd/", "")]
    [InlineData("/api/v2/replace_order/", "id=1")]
    [InlineData("/api/v2/btc_withdrawal/", "amount=1&address=x")]
    [InlineData("/api/v2/ripple_withdrawal/", "amount=1")]
    [InlineData("/api/v2/withdrawal/open/", "amount=1")]
    [InlineData("/api/v2/withdrawal/cancel/", "id=1")]
    [InlineData("/api/v2/transfer-to-main/", "amount=1&currency=usd")]
    [InlineData("/api/v2/transfer-from-main/", "amount=1&currency=usd&subAccount=2")]
    [InlineData("/api/v2/btc_address/", "")]
    [InlineData("/api/v2/liquidation_address/new/", "")]
    [InlineData("/api/v2/websockets_token/", "")]
    [InlineData("/api/v2/revoke_all_api_keys/", "")]
    [InlineData("/api/v2/earn/subscribe/", "currency=eth")]
    public async Task A_trading_withdrawal_or_transfer_endpoint_refuses_an_authenticated_key_with_API0003_and_is_recorded(string path, string body)
    {
        // Given a key with every read permission
        var data = TestData.Tiny();
        var main = data.Account("main");
        await using var h = await Harness.StartAsync(data);

        // When it calls a non-read endpoint
        using var response = await h.PostAsync(main, path, body);

        // Then Bitstamp's answer to a key without that permission, and the call is on record
        (await Harness.ErrorOf(response)).Should().BeEquivalentTo(new { Status = 403, Reason = "No permission found", Code = "API0003" });
        h.Server.ForbiddenCalls.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new { Method = "POST", Path = path, Key = main.Key, At = TestData.Now });
    }

    [Fact]
    public async Task A_call_to_a_denied_endpoint_is_recorded_even_when_authentication_fails()
    {
        var data = TestData.Tiny();
        await using var h = await Harness.StartAsync(data);

        using var unsigned = await h.Http.PostAsync("/api/v2/buy/btcusd/", new StringContent("amount=1"));
        using var forged = await h.Http.SendAsync(h.Signed(data.Account("main"), "/api/v2/transfer-to-main/", "amount=1", secret: "bad"));
        using var getAddress = await h.Http.GetAsync("/api/v2/eth_address");

        (await Harness.ErrorOf(unsigned)).Code.Should().Be("API0012");
        (await Harness.ErrorOf(forged)).Code.Should().Be("API0005");
        h.Server.ForbiddenCalls.Select(c => (c.Method, c.Path, c.Key)).Should().Equal(
            ("POST", "/api/v2/buy/btcusd/", null),
            ("POST", "/api/v2/transfer-to-main/", "tinykey"),
            ("GET", "/api/v2/eth_address", null));
    }

    [Fact]
    public async Task Read_endpoints_are_not_recorded_as_forbidden_calls()
    {
        var data = TestData.Tiny();
        await using var h = await Harness.StartAsync(data);

        await h.PostAsync(data.Account("main"), "/api/v2/user_transactions/", "limit=1");
        await h.Http.GetAsync("/api/v2/markets/");

        h.Server.ForbiddenCalls.Should().BeEmpty();
    }

    [Theory]
    [InlineData("/api/v2/no_such_thing/")]
    [InlineData("/api/v2/user_transactions")]
    [InlineData("/api/v3/user_transactions/")]
    [InlineData("/index.html")]
    public async Task An_unknown_path_or_one_without_its_trailing_slash_answers_404(string path)
    {
        var data = TestData.Tiny();
        await using var h = await Harness.StartAsync(data);

        using var response = await h.PostAsync(data.Account("main"), path, "foo=bar");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}

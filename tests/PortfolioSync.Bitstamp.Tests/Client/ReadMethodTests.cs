using System.Net;
using NodaTime;
using PortfolioSync.Bitstamp.Errors;
using PortfolioSync.Bitstamp.Tests.Support;
using PortfolioSync.Domain;

namespace PortfolioSync.Bitstamp.Tests.Client;

public sealed class ReadMethodTests
{
    private static string Tx(long id, string extra = "\"btc\":\"1\"") =>
        $$"""{"id":{{id}},"datetime":"2024-01-01 00:00:00","type":"0","fee":"0",{{extra}}}""";

    [Fact]
    public async Task A_full_page_is_not_the_last_and_the_next_since_id_is_the_highest_id_plus_one()
    {
        var transport = new ScriptedTransport().Then(HttpStatusCode.OK, $"[{Tx(10)},{Tx(11)},{Tx(12)}]");
        var client = Clients.Client(transport, Clients.Time());

        var page = await client.GetUserTransactionsPageAsync(10, 3, CancellationToken.None);

        page.IsLast.Should().BeFalse();
        page.NextSinceId.Should().Be(13);
        page.SinceId.Should().Be(10);
        transport.Requests.Single().BodyText.Should().Be("limit=3&since_id=10&sort=asc");
    }

    [Fact]
    public async Task A_short_page_is_the_last_and_an_empty_page_keeps_the_cursor()
    {
        var transport = new ScriptedTransport().Then(HttpStatusCode.OK, $"[{Tx(10)}]").Then(HttpStatusCode.OK, "[]");
        var client = Clients.Client(transport, Clients.Time());

        var first = await client.GetUserTransactionsPageAsync(null, 1000, CancellationToken.None);
        var empty = await client.GetUserTransactionsPageAsync(first.NextSinceId, 1000, CancellationToken.None);

        first.IsLast.Should().BeTrue();
        first.NextSinceId.Should().Be(11);
        transport.Requests.First().BodyText.Should().Be("limit=1000&sort=asc");
        empty.IsLast.Should().BeTrue();
        empty.Records.Should().BeEmpty();
        empty.NextSinceId.Should().Be(11);
    }

    [Fact]
    public async Task A_malformed_record_is_returned_raw_while_the_rest_of_the_page_parses()
    {
        var bad = """{"id":11,"datetime":"not a date","type":"0","fee":"0","btc":"1"}""";
        var transport = new ScriptedTransport().Then(HttpStatusCode.OK, $"[{Tx(10)},{bad},{Tx(12)}]");
        var client = Clients.Client(transport, Clients.Time());

        var page = await client.GetUserTransactionsPageAsync(null, 3, CancellationToken.None);

        page.Records.Select(r => r.Id).Should().Equal(10, 11, 12);
        page.Records[1].Malformed!.Field.Should().Be("datetime");
        page.Records[1].RawJson.Should().Be(bad);
        page.Records.Where(r => !r.IsMalformed).Should().HaveCount(2);
        page.NextSinceId.Should().Be(13);
    }

    [Fact]
    public async Task A_full_page_without_progress_is_refused_rather_than_looping()
    {
        var transport = new ScriptedTransport().Then(HttpStatusCode.OK, $"[{Tx(5)},{Tx(6)}]");
        var client = Clients.Client(transport, Clients.Time());

        var act = () => client.GetUserTransactionsPageAsync(100, 2, CancellationToken.None);

        await act.Should().ThrowAsync<BitstampApiException>();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task Limits_outside_1_to_1000_are_refused_before_sending(int limit)
    {
        var transport = new ScriptedTransport();
        var client = Clients.Client(transport, Clients.Time());

        var act = () => client.GetUserTransactionsPageAsync(null, limit, CancellationToken.None);

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
        transport.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Balances_parse_strings_and_numbers()
    {
        var transport = new ScriptedTransport().Then(HttpStatusCode.OK,
            """[{"currency":"usdt","total":"7.00000","available":"7.00000","reserved":"0.00000"},{"currency":"btc","total":1.5,"available":1,"reserved":0.5}]""");
        var client = Clients.Client(transport, Clients.Time());

        var balances = await client.GetBalancesAsync(CancellationToken.None);

        balances.Select(b => b.Value!.Currency.Code).Should().Equal("USDT", "BTC");
        balances[1].Value!.Reserved.Should().Be(0.5m);
    }

    [Fact]
    public async Task Crypto_transactions_split_each_list_raw()
    {
        var deposit = """{"id":1,"currency":"btc","network":"bitcoin","destinationAddress":"bc1q","txid":"ab","amount":0.5,"datetime":1700000000,"status":"COMPLETED"}""";
        var withdrawal = """{"currency":"eth","network":"ethereum","destinationAddress":"0x1","txid":"cd","amount":2,"datetime":1700000100}""";
        var transport = new ScriptedTransport().Then(HttpStatusCode.OK,
            $$"""{"deposits":[{{deposit}}],"withdrawals":[{{withdrawal}}],"ripple_iou_transactions":[]}""");
        var client = Clients.Client(transport, Clients.Time());

        var page = await client.GetCryptoTransactionsAsync(0, 1000, CancellationToken.None);

        page.Deposits.Single().RawJson.Should().Be(deposit);
        page.Deposits.Single().Value!.Amount.Should().Be(0.5m);
        page.Withdrawals.Single().Value!.At.Should().Be(Instant.FromUnixTimeSeconds(1700000100));
        page.IsLast.Should().BeTrue();
        transport.Requests.Single().BodyText.Should().Be("limit=1000&offset=0");
    }

    [Fact]
    public async Task Ohlc_candles_come_with_the_pair_and_query_parameters()
    {
        var candle = """{"timestamp":"1700006400","open":"37000.1","high":"37500","low":"36000","close":"37200.55","volume":"123.45678901"}""";
        var transport = new ScriptedTransport().Then(HttpStatusCode.OK, "{\"data\":{\"pair\":\"BTC/USD\",\"ohlc\":[" + candle + "]}}");
        var client = Clients.Client(transport, Clients.Time());

        var series = await client.GetOhlcAsync("btcusd", 86400, Instant.FromUnixTimeSeconds(1700006400), null, 1000, CancellationToken.None);

        series.Pair.Should().Be("BTC/USD");
        series.Candles.Single().Value!.Close.Should().Be(37200.55m);
        transport.Requests.Single().Uri.PathAndQuery.Should().Be("/api/v2/ohlc/btcusd/?step=86400&limit=1000&start=1700006400");
    }

    [Fact]
    public async Task Withdrawal_requests_and_markets_parse()
    {
        var transport = new ScriptedTransport()
            .Then(HttpStatusCode.OK, """[{"id":7,"datetime":"2024-01-01 10:00:00","type":1,"currency":"btc","network":"bitcoin","amount":"0.1","status":2,"txid":"x","address":"bc1","transaction_id":"h"}]""")
            .Then(HttpStatusCode.OK, """[{"market_symbol":"btcusd","base_currency":"BTC","counter_currency":"USD","market_type":"SPOT"}]""");
        var client = Clients.Client(transport, Clients.Time());

        var withdrawals = await client.GetWithdrawalRequestsAsync(0, 100, CancellationToken.None);
        var markets = await client.GetMarketsAsync(CancellationToken.None);

        withdrawals.Single().Value!.Status.Should().Be(2);
        transport.Requests.First().BodyText.Should().Be("limit=100&offset=0&timedelta=50000000");
        markets.Single().Value!.Base.Should().Be(Asset.Btc);
    }

    [Fact]
    public async Task A_200_error_object_is_an_error_not_data()
    {
        var transport = new ScriptedTransport().Then(HttpStatusCode.OK, """{"status":"error","reason":"Invalid signature","code":"API0005"}""");
        var client = Clients.Client(transport, Clients.Time());

        var act = () => client.GetUserTransactionsPageAsync(null, 10, CancellationToken.None);

        (await act.Should().ThrowAsync<BitstampApiException>()).Which.Kind.Should().Be(BitstampErrorKind.InvalidCredentials);
    }
}

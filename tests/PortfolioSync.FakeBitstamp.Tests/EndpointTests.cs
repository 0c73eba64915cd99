using System.Net;
using System.Text.Json;
using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.FakeBitstamp.Tests.Support;

namespace PortfolioSync.FakeBitstamp.Tests;

/// <summary>Balances and the other read endpoints, public and private.</summary>
public sealed class EndpointTests : IAsyncLifetime
{
    private Harness h = null!;

    private static ServerData Data => TestData.Recent;

    public async Task InitializeAsync() => h = await Harness.StartAsync(Data);

    public async Task DisposeAsync() => await h.DisposeAsync();

    [Fact]
    public async Task Account_balances_are_the_sum_of_the_records_minus_fees_and_list_every_currency_of_the_server()
    {
        // Given the balances computed here from the records, with the fee in the quote currency of trades
        foreach (var account in Data.Accounts)
        {
            var expected = new Dictionary<string, decimal>();
            foreach (var t in account.Transactions)
            {
                foreach (var a in t.Amounts) expected[a.Currency] = expected.GetValueOrDefault(a.Currency) + a.Amount;
                var feeCurrency = t.Market?.Quote ?? t.Amounts.Single().Currency;
                if (t.Fee != 0) expected[feeCurrency] = expected.GetValueOrDefault(feeCurrency) - t.Fee;
            }

            // When
            var rows = await h.JsonAsync(account, "/api/v2/account_balances/", "foo=bar");

            // Then
            var got = rows.EnumerateArray().ToDictionary(r => r.GetProperty("currency").GetString()!, r => decimal.Parse(r.GetProperty("total").GetString()!));
            got.Keys.Should().BeEquivalentTo(Data.Accounts.SelectMany(a => a.Transactions.Balances.Keys).Concat(["usd", "eur", "gbp", "btc", "eth", "sol", "xrp", "flr"]).Distinct());
            foreach (var (currency, total) in expected) got[currency].Should().Be(total, $"{account.Name} {currency}");
            got.Values.Should().OnlyContain(v => v >= 0);
            rows.EnumerateArray().Should().OnlyContain(r => r.GetProperty("available").GetString() == r.GetProperty("total").GetString()
                && decimal.Parse(r.GetProperty("reserved").GetString()!) == 0);
        }
    }

    [Fact]
    public async Task One_currency_balance_is_an_object_and_an_unknown_currency_is_404()
    {
        var main = Data.Account("main");

        var btc = await h.JsonAsync(main, "/api/v2/account_balances/btc/", "foo=bar");
        using var unknown = await h.PostAsync(main, "/api/v2/account_balances/doge/", "foo=bar");

        decimal.Parse(btc.GetProperty("total").GetString()!).Should().Be(main.Transactions.Balances["btc"]);
        (await Harness.ErrorOf(unknown)).Should().BeEquivalentTo(new { Status = 404, Code = "404.006" });
    }

    [Fact]
    public async Task The_legacy_balance_endpoint_has_flat_available_balance_reserved_and_fee_fields()
    {
        var main = Data.Account("main");

        var all = await h.JsonAsync(main, "/api/v2/balance/", "foo=bar");
        var pair = await h.JsonAsync(main, "/api/v2/balance/btcusd/", "foo=bar");

        decimal.Parse(all.GetProperty("usd_balance").GetString()!).Should().Be(main.Transactions.Balances["usd"]);
        all.GetProperty("btcusd_fee").GetString().Should().Be("0.400");
        pair.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            "btc_available", "btc_balance", "btc_reserved", "btc_withdrawal_fee", "usd_available", "usd_balance", "usd_reserved", "usd_withdrawal_fee", "btcusd_fee");
    }

    [Fact]
    public async Task Markets_list_every_market_of_the_records_and_of_ohlc_with_the_fields_ccxt_needs()
    {
        using var response = await h.Http.GetAsync("/api/v2/markets/");
        var rows = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        var symbols = rows.EnumerateArray().Select(r => r.GetProperty("market_symbol").GetString()).ToList();
        symbols.Should().BeEquivalentTo(Data.Ohlc.Select(s => s.Market.Symbol).Concat(Data.Accounts.SelectMany(a => a.Transactions.Markets.Select(m => m.Symbol))).Distinct());
        var btcusd = rows.EnumerateArray().Single(r => r.GetProperty("market_symbol").GetString() == "btcusd");
        btcusd.GetProperty("name").GetString().Should().Be("BTC/USD");
        btcusd.GetProperty("base_currency").GetString().Should().Be("BTC");
        btcusd.GetProperty("counter_currency").GetString().Should().Be("USD");
        btcusd.GetProperty("base_decimals").GetInt32().Should().Be(8);
        btcusd.GetProperty("counter_decimals").GetInt32().Should().Be(0);
        btcusd.GetProperty("trading").GetString().Should().Be("Enabled");
        btcusd.GetProperty("market_type").GetString().Should().Be("SPOT");
        btcusd.GetProperty("description").GetString().Should().Be("Bitcoin / U.S. dollar");
        btcusd.GetProperty("minimum_order_value").GetString().Should().Be("10");
    }

    [Fact]
    public async Task Trading_pairs_info_and_currencies_describe_the_same_markets_and_currencies()
    {
        var pairs = JsonDocument.Parse(await h.Http.GetStringAsync("/api/v2/trading-pairs-info/")).RootElement;
        var currencies = JsonDocument.Parse(await h.Http.GetStringAsync("/api/v2/currencies/")).RootElement;

        pairs.EnumerateArray().Select(p => p.GetProperty("url_symbol").GetString()).Should().Contain("btcusd");
        pairs.EnumerateArray().First().GetProperty("minimum_order").GetString().Should().MatchRegex("^[0-9.]+ [A-Z]+$");
        currencies.EnumerateArray().Select(c => (c.GetProperty("currency").GetString(), c.GetProperty("type").GetString()))
            .Should().Contain([("BTC", "crypto"), ("USD", "fiat"), ("GBP", "fiat")]);
    }

    [Fact]
    public async Task Daily_ohlc_is_served_from_the_data_as_strings_limited_and_bounded_by_start_and_end()
    {
        var series = Data.FindOhlc("btcusd")!;
        var first = series.Candles[0];

        var latest = await OhlcAsync("/api/v2/ohlc/btcusd/?step=86400&limit=5");
        var fromStart = await OhlcAsync($"/api/v2/ohlc/btcusd/?step=86400&limit=3&start={first.Timestamp + 86400}");
        var toEnd = await OhlcAsync($"/api/v2/ohlc/btcusd/?step=86400&limit=2&start=0&end={first.Timestamp + (3 * 86400)}");

        latest.GetProperty("pair").GetString().Should().Be("BTC/USD");
        Timestamps(latest).Should().Equal(series.Candles.TakeLast(5).Select(c => c.Timestamp));
        Timestamps(fromStart).Should().Equal(series.Candles.Skip(1).Take(3).Select(c => c.Timestamp));
        Timestamps(toEnd).Should().Equal(series.Candles.Skip(2).Take(2).Select(c => c.Timestamp));
        var candle = latest.GetProperty("ohlc")[4];
        candle.GetProperty("close").GetString().Should().Be(series.Candles[^1].Close.ToString(System.Globalization.CultureInfo.InvariantCulture));
        candle.EnumerateObject().Should().OnlyContain(p => p.Value.ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task Three_day_ohlc_merges_three_daily_candles_and_finer_steps_are_refused_honestly()
    {
        var three = await OhlcAsync("/api/v2/ohlc/btcusd/?step=259200&limit=1000");
        using var hourly = await h.Http.GetAsync("/api/v2/ohlc/btcusd/?step=3600&limit=10");
        using var odd = await h.Http.GetAsync("/api/v2/ohlc/btcusd/?step=1234&limit=10");

        Timestamps(three).Should().OnlyContain(t => t % 259200 == 0);
        var daily = Data.FindOhlc("btcusd")!.Candles;
        var bucket = three.GetProperty("ohlc")[1];
        var start = long.Parse(bucket.GetProperty("timestamp").GetString()!);
        var days = daily.Where(c => c.Timestamp >= start && c.Timestamp < start + 259200).ToList();
        decimal.Parse(bucket.GetProperty("high").GetString()!).Should().Be(days.Max(c => c.High));
        decimal.Parse(bucket.GetProperty("low").GetString()!).Should().Be(days.Min(c => c.Low));
        decimal.Parse(bucket.GetProperty("close").GetString()!).Should().Be(days[^1].Close);
        (await Harness.ErrorOf(hourly)).Reason.Should().Contain("daily candles only");
        (await Harness.ErrorOf(odd)).Status.Should().Be(400);
    }

    [Fact]
    public async Task The_ticker_comes_from_the_latest_daily_candle()
    {
        var ticker = JsonDocument.Parse(await h.Http.GetStringAsync("/api/v2/ticker/btcusd/")).RootElement;

        ticker.GetProperty("last").GetString().Should().Be(Data.FindOhlc("btcusd")!.Candles[^1].Close.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ticker.GetProperty("timestamp").GetString().Should().Be(TestData.Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Crypto_transactions_answer_the_main_account_and_refuse_a_sub_account()
    {
        var main = await h.JsonAsync(Data.Account("main"), "/api/v2/crypto-transactions/", "limit=5");
        using var sub = await h.PostAsync(Data.Account("dca-bot"), "/api/v2/crypto-transactions/", "limit=5");

        main.EnumerateObject().Select(p => p.Name).Should().Equal("deposits", "withdrawals", "ripple_iou_transactions");
        main.GetProperty("deposits").GetArrayLength().Should().Be(5);
        main.GetProperty("deposits")[0].GetProperty("datetime").ValueKind.Should().Be(JsonValueKind.Number);
        (await Harness.ErrorOf(sub)).Code.Should().Be("API0003");
    }

    [Fact]
    public async Task Withdrawal_requests_are_derived_from_the_withdrawal_records_within_the_timedelta()
    {
        var main = Data.Account("main");
        var expected = main.Transactions.Where(t => t.Type == "1").Select(t => t.Id).Reverse().ToArray();

        var all = await h.JsonAsync(main, "/api/v2/withdrawal-requests/", "timedelta=50000000");
        var lastDay = await h.JsonAsync(main, "/api/v2/withdrawal-requests/", "foo=bar");
        using var tooFar = await h.PostAsync(main, "/api/v2/withdrawal-requests/", "timedelta=50000001");

        all.EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).Should().Equal(expected);
        all[0].GetProperty("datetime").GetString().Should().MatchRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$");
        all[0].GetProperty("status").GetInt32().Should().Be(2);
        lastDay.GetArrayLength().Should().Be(0, "nothing was withdrawn in the day before the server clock");
        (await Harness.ErrorOf(tooFar)).Status.Should().Be(400);
    }

    [Fact]
    public async Task Open_orders_are_empty_and_fees_are_listed_per_market_and_currency()
    {
        var main = Data.Account("main");

        var orders = await h.JsonAsync(main, "/api/v2/open_orders/all/", "foo=bar");
        var trading = await h.JsonAsync(main, "/api/v2/fees/trading/", "foo=bar");
        var withdrawal = await h.JsonAsync(main, "/api/v2/fees/withdrawal/btc/", "foo=bar");
        var myMarkets = await h.JsonAsync(main, "/api/v2/my_markets/", "foo=bar");

        orders.GetArrayLength().Should().Be(0);
        trading.EnumerateArray().First().GetProperty("fees").GetProperty("taker").GetString().Should().Be("0.400");
        withdrawal.GetProperty("network").GetString().Should().Be("bitcoin");
        myMarkets.GetArrayLength().Should().BeGreaterThan(5);
    }

    private async Task<JsonElement> OhlcAsync(string url)
    {
        using var response = await h.Http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("data").Clone();
    }

    private static IEnumerable<long> Timestamps(JsonElement data) =>
        data.GetProperty("ohlc").EnumerateArray().Select(c => long.Parse(c.GetProperty("timestamp").GetString()!)).ToList();
}

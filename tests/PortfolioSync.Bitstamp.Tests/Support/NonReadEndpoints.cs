namespace PortfolioSync.Bitstamp.Tests.Support;

/// <summary>
/// Every non-read endpoint of bitstamp-api.md §5, with its families expanded (buy/sell variants, many coins'
/// <c>_withdrawal/</c> and <c>_address/</c>, transfers, earn, derivatives, key management), plus read paths with the
/// wrong method and disguised spellings.
/// </summary>
public static class NonReadEndpoints
{
    private static readonly string[] Coins =
        ["btc", "eth", "xrp", "ltc", "bch", "usdc", "usdt", "eur", "sol", "ada", "doge", "dot", "link", "matic", "xlm", "pax", "gbp", "flr"];

    private static readonly string[] Pairs = ["btcusd", "btceur", "ethusd", "ethbtc", "xrpeur", "usdcusd"];

    public static IEnumerable<(string Method, string Path)> All()
    {
        foreach (var side in new[] { "buy", "sell" })
            foreach (var pair in Pairs)
            {
                yield return ("POST", $"/api/v2/{side}/{pair}/");
                yield return ("POST", $"/api/v2/{side}/market/{pair}/");
                yield return ("POST", $"/api/v2/{side}/instant/{pair}/");
            }
        foreach (var path in new[]
        {
            "cancel_order/", "cancel_all_orders/", "cancel_all_orders/btcusd/", "replace_order/", "open_order/",
            "get_max_order_amount/", "ripple_withdrawal/", "withdrawal/open/", "withdrawal/cancel/", "withdrawal/status/",
            "transfer-to-main/", "transfer-from-main/", "ripple_address/", "liquidation_address/new/", "liquidation_address/info/",
            "instant_convert_address/new/", "instant_convert_address/info/", "websockets_token/", "revoke_all_api_keys/",
            "earn/subscribe/", "earn/unsubscribe/", "earn/subscriptions/setting/", "travel_rule/withdrawal/",
            "travel_rule/contacts/", "crypto-transactions/deposits/123/reject/", "close_position/", "close_positions/",
            "adjust_position_collateral/", "leverage_settings/",
        })
            yield return ("POST", "/api/v2/" + path);
        foreach (var coin in Coins)
        {
            yield return ("POST", $"/api/v2/{coin}_withdrawal/");
            yield return ("POST", $"/api/v2/{coin}_address/");
            yield return ("POST", $"/api/{coin}_withdrawal/");   // v1 spellings
        }
        yield return ("POST", "/api/bitcoin_withdrawal/");
        yield return ("POST", "/api/bitcoin_deposit_address/");
        yield return ("POST", "/api/buy/");
        yield return ("POST", "/api/sell/");
        // Read paths with a method they are not allowed with, and disguises.
        yield return ("GET", "/api/v2/user_transactions/");
        yield return ("GET", "/api/v2/account_balances/");
        yield return ("POST", "/api/v2/markets/");
        yield return ("PUT", "/api/v2/user_transactions/");
        yield return ("DELETE", "/api/v2/account_balances/");
        yield return ("POST", "/api/v2/BUY/btcusd/");
        yield return ("POST", "/api/v2/Buy/BTCUSD/");
        yield return ("POST", "/api/v2/user_transactions/../buy/btcusd/");
        yield return ("POST", "/api/v2/user_transactions/btc%5Fwithdrawal/");
        yield return ("POST", "/api/v2/account_balances/btc_address/");
        yield return ("POST", "/api/v2/user_transactions/btcusd/extra/");
        yield return ("POST", "/api/v2/user_transactions");
        yield return ("POST", "/api/v2/user_transactions/?then=buy");
        yield return ("POST", "/api/v2/order_status/");
        yield return ("POST", "/api/v2/balance/");
        yield return ("GET", "/api/v2/earn/transactions/");
        yield return ("GET", "/api/v2/ohlc/btcusd/../../buy/btcusd/");
    }

    public static TheoryData<string, string> Theory()
    {
        var data = new TheoryData<string, string>();
        foreach (var (method, path) in All()) data.Add(method, path);
        return data;
    }
}

using PortfolioSync.FakeBitstamp.Protocol;
using PortfolioSync.FakeBitstamp.Data;

namespace PortfolioSync.FakeBitstamp.Endpoints;

/// <summary>Maps the path after <c>/api/v2/</c> (with its trailing slash removed, split on '/') to an endpoint.</summary>
internal sealed class Routes(ServerState state)
{
    /// <summary>A public GET endpoint, or null.</summary>
    public Func<FormBody, ApiResponse>? Public(string[] s) => s switch
    {
        ["markets"] => _ => PublicEndpoints.Markets(state.Catalog, state.Faults.Settings.PerpetualMarkets),
        ["trading-pairs-info"] => _ => PublicEndpoints.TradingPairsInfo(state.Catalog),
        ["currencies"] => _ => PublicEndpoints.Currencies(state.Catalog),
        ["ticker"] => _ => PublicEndpoints.Ticker(state.Data, state.Catalog, null, state.Now),
        ["ticker", var pair] => _ => PublicEndpoints.Ticker(state.Data, state.Catalog, pair, state.Now),
        ["ohlc", var pair] => query => PublicEndpoints.Ohlc(state.Data, state.Catalog, pair, query, state.Now),
        _ => null,
    };

    /// <summary>A private POST endpoint, or null.</summary>
    public PrivateEndpoint? Private(string[] s) => s switch
    {
        ["user_transactions"] => new(ApiPermission.UserTransactions, (a, f, now) => UserTransactionsEndpoint.Handle(a, null, f, now, state.Faults)),
        ["user_transactions", var market] => new(ApiPermission.UserTransactions, (a, f, now) =>
            state.Catalog.FindMarket(market) is null
                ? MarketNotFound()
                : UserTransactionsEndpoint.Handle(a, market, f, now, state.Faults)),
        ["account_balances"] => new(ApiPermission.AccountBalance, (a, _, _) => BalanceEndpoints.AccountBalances(a, state.Catalog, null)),
        ["account_balances", var currency] => new(ApiPermission.AccountBalance, (a, _, _) => BalanceEndpoints.AccountBalances(a, state.Catalog, currency)),
        ["balance"] => new(ApiPermission.AccountBalance, (a, _, _) => BalanceEndpoints.Legacy(a, state.Catalog, null)),
        ["balance", var pair] => new(ApiPermission.AccountBalance, (a, _, _) => BalanceEndpoints.Legacy(a, state.Catalog, pair)),
        ["my_markets"] => new(ApiPermission.AccountBalance, (_, _, _) => PublicEndpoints.Markets(state.Catalog)),
        ["crypto-transactions"] => new(ApiPermission.CryptoTransactions, (a, f, _) => AccountEndpoints.CryptoTransactions(a, f)),
        ["withdrawal-requests"] => new(ApiPermission.WithdrawalRequests, AccountEndpoints.WithdrawalRequests),
        ["open_orders", _] or ["open_orders"] => new(ApiPermission.OpenOrders, (_, _, _) => AccountEndpoints.OpenOrders()),
        ["order_status"] => new(ApiPermission.OpenOrders, (_, _, _) => AccountEndpoints.OrderStatus()),
        ["fees", "trading"] => new(ApiPermission.Fees, (_, _, _) => AccountEndpoints.TradingFees(state.Catalog, null)),
        ["fees", "trading", var market] => new(ApiPermission.Fees, (_, _, _) => AccountEndpoints.TradingFees(state.Catalog, market)),
        ["fees", "withdrawal"] => new(ApiPermission.Fees, (_, _, _) => AccountEndpoints.WithdrawalFees(state.Catalog, null)),
        ["fees", "withdrawal", var currency] => new(ApiPermission.Fees, (_, _, _) => AccountEndpoints.WithdrawalFees(state.Catalog, currency)),
        _ => null,
    };

    private static ApiResponse MarketNotFound() =>
        ApiResponse.Error(new ApiError(404, "Market not found for corresponding request.", "404.007"));
}

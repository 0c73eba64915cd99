namespace PortfolioSync.FakeBitstamp.Data;

/// <summary>
/// Read permissions an API key can have (names in <c>server.json</c> in brackets). Bitstamp's key settings call them
/// "Account balance", "User transactions" and so on; the fake server has no trading or withdrawal permission at all.
/// </summary>
public enum ApiPermission
{
    /// <summary><c>account_balance</c>: <c>account_balances/</c>, <c>balance/</c>, <c>my_markets/</c>.</summary>
    AccountBalance,

    /// <summary><c>user_transactions</c>: <c>user_transactions/</c>.</summary>
    UserTransactions,

    /// <summary><c>crypto_transactions</c>: <c>crypto-transactions/</c> (main account only).</summary>
    CryptoTransactions,

    /// <summary><c>withdrawal_requests</c>: <c>withdrawal-requests/</c>.</summary>
    WithdrawalRequests,

    /// <summary><c>open_orders</c>: <c>open_orders/…</c>, <c>order_status/</c>.</summary>
    OpenOrders,

    /// <summary><c>fees</c>: <c>fees/trading/</c>, <c>fees/withdrawal/</c>.</summary>
    Fees,
}

namespace PortfolioSync.Bitstamp.Endpoints;

/// <summary>The families of allow-listed read endpoints (see <see cref="BitstampEndpoint"/>).</summary>
public enum EndpointKind
{
    AccountBalances,
    AccountBalance,
    UserTransactions,
    UserTransactionsOfMarket,
    CryptoTransactions,
    WithdrawalRequests,
    TradingFees,
    WithdrawalFees,
    OpenOrders,
    Markets,
    Currencies,
    Ohlc,
    Ticker,
    TradingPairsInfo,
}

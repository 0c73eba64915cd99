namespace PortfolioSync.Sync;

/// <summary>The streams a sync run pulls (DESIGN.md §5). Used as store stream names.</summary>
public static class StreamNames
{
    /// <summary>Per account: the ledger's source (<c>user_transactions/</c>).</summary>
    public const string UserTransactions = "user_transactions";

    /// <summary>Main account only: network details of deposits and withdrawals (<c>crypto-transactions/</c>); not ledger entries.</summary>
    public const string CryptoTransactions = "crypto_transactions";

    /// <summary>Per account: balance snapshots (<c>account_balances/</c>).</summary>
    public const string Balances = "balances";

    /// <summary>Global: daily OHLC per pair (<c>ohlc/{pair}/</c>).</summary>
    public const string Prices = "prices";
}

namespace PortfolioSync.FakeBitstamp.Data;

/// <summary>
/// The <c>crypto-transactions/</c> response object of the main account:
/// <c>{"deposits":[…],"withdrawals":[…],"ripple_iou_transactions":[…]}</c>, each item kept as its exact JSON text.
/// </summary>
public sealed record CryptoTransactionSet(
    IReadOnlyList<CryptoTransaction> Deposits,
    IReadOnlyList<CryptoTransaction> Withdrawals,
    IReadOnlyList<CryptoTransaction> RippleIouTransactions)
{
    public static readonly string[] ListNames = ["deposits", "withdrawals", "ripple_iou_transactions"];

    internal IReadOnlyList<CryptoTransaction> List(int index) => index switch
    {
        0 => Deposits,
        1 => Withdrawals,
        _ => RippleIouTransactions,
    };
}

namespace PortfolioSync.Bitstamp.Records;

/// <summary>One <c>crypto-transactions/</c> answer (main account only), each list with raw text per record.</summary>
/// <param name="IsLast">True when every list is shorter than the limit asked for (nothing after this offset).</param>
public sealed record CryptoTransactionsPage(
    IReadOnlyList<RawRecord<CryptoTransaction>> Deposits,
    IReadOnlyList<RawRecord<CryptoTransaction>> Withdrawals,
    IReadOnlyList<RawRecord<CryptoTransaction>> RippleIouTransactions,
    int Offset,
    int Limit,
    bool IsLast);

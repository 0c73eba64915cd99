using NodaTime;
using PortfolioSync.Domain;

namespace PortfolioSync.Bitstamp.Records;

/// <summary>
/// One deposit, withdrawal or ripple IOU row of <c>crypto-transactions/</c>. Deposits carry an id and a status;
/// withdrawals usually have neither.
/// </summary>
/// <param name="Amount">Always positive as Bitstamp sends it; the list it came from gives the direction.</param>
/// <param name="At">The row's <c>datetime</c> (unix seconds).</param>
public sealed record CryptoTransaction(
    long? Id,
    Asset Currency,
    string? Network,
    string? DestinationAddress,
    string? TxId,
    decimal Amount,
    Instant At,
    string? Status,
    string? PendingReason);

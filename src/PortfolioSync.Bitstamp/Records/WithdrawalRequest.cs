using NodaTime;
using PortfolioSync.Domain;

namespace PortfolioSync.Bitstamp.Records;

/// <summary>One row of <c>withdrawal-requests/</c>.</summary>
/// <param name="Status">0 open, 1 in process, 2 finished, 3 canceled, 4 failed, 11 reversed.</param>
/// <param name="TransactionId">The chain transaction hash, when there is one.</param>
public sealed record WithdrawalRequest(
    long Id,
    Instant At,
    int Type,
    Asset Currency,
    string? Network,
    decimal Amount,
    int Status,
    string? TxId,
    string? Address,
    string? TransactionId);

using NodaTime;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Tax;

namespace PortfolioSync.Domain.CostBasis;

/// <summary>
/// Income received (staking, referral, other): valued at market value on receipt, which is also the cost of the
/// lot it creates. When no price was found, <see cref="Value"/> is 0 and <see cref="ValueKnown"/> false (and a
/// <c>missing-price</c> warning names the pair and date).
/// </summary>
public sealed record IncomeRecord(
    Instant ReceivedAt,
    LocalDate Date,
    TaxYear TaxYear,
    string Account,
    Asset Asset,
    decimal Quantity,
    decimal Value,
    bool ValueKnown,
    EntryKind Kind,
    string EntryId);

using NodaTime;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Tax;

namespace PortfolioSync.Domain.CostBasis;

/// <summary>
/// A derivatives settlement (Bitstamp type 58): a signed amount received (positive) or paid (negative). Neither income
/// nor a disposal of the settlement itself; listed for the user's derivatives return.
/// </summary>
/// <param name="Value">Signed value in the base currency; 0 and <see cref="ValueKnown"/> false when no price valued it.</param>
public sealed record DerivativeSettlement(Instant At, LocalDate Date, TaxYear TaxYear, string Account, Asset Asset, decimal Quantity,
    decimal Value, bool ValueKnown, string EntryId);

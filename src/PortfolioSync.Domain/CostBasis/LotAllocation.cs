using NodaTime;

namespace PortfolioSync.Domain.CostBasis;

/// <summary>
/// Scope <c>per-account-from</c>: one lot (or part of one) given from the universal pool to an account at the date.
/// Accounts take lots in config order, each in the method's priority order until its balance at that instant is
/// covered: our rules-based allocation under the Rev. Proc. 2024-28 safe harbour.
/// </summary>
/// <param name="Date">The allocation date (zone); the balances are those at its start.</param>
/// <param name="Account">The account the lot goes to; empty when no account's balance was left to cover.</param>
/// <param name="LotId">As in <see cref="MatchedLot.LotId"/>.</param>
/// <param name="AcquiredAt">When the lot was acquired; null for pooled costs.</param>
public sealed record LotAllocation(LocalDate Date, Asset Asset, string Account, string LotId, Instant? AcquiredAt, decimal Quantity, decimal Cost)
{
    public CostFlags CostFlags { get; init; }
}

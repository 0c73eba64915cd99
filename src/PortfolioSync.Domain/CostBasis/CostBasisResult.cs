using PortfolioSync.Domain.Warnings;

namespace PortfolioSync.Domain.CostBasis;

/// <summary>What <see cref="CostBasisEngine.Run"/> found. Lists are in ledger order unless said otherwise.</summary>
/// <param name="Disposals">In order of their first entry.</param>
/// <param name="Holdings">Final holdings, by pool then asset (zero quantities left out).</param>
/// <param name="External">Final holdings that left through withdrawals, by pool then asset.</param>
/// <param name="Snapshots">One per <see cref="CostBasisOptions.SnapshotAt"/>, in the order given.</param>
public sealed record CostBasisResult(
    CostBasisOptions Options,
    IReadOnlyList<Disposal> Disposals,
    IReadOnlyList<IncomeRecord> Income,
    IReadOnlyList<Holding> Holdings,
    IReadOnlyList<Holding> External,
    IReadOnlyList<HoldingSnapshot> Snapshots,
    IReadOnlyList<LotRemoval> FeeRemovals,
    IReadOnlyList<Warning> Warnings)
{
    /// <summary>Scope <c>per-account-from</c>: how the universal pools' lots were given to accounts at the date.</summary>
    public IReadOnlyList<LotAllocation> Allocations { get; init; } = [];

    /// <summary>Derivatives settlements (Bitstamp type 58), signed, in ledger order.</summary>
    public IReadOnlyList<DerivativeSettlement> Derivatives { get; init; } = [];
}

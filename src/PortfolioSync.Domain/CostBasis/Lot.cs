using NodaTime;

namespace PortfolioSync.Domain.CostBasis;

/// <summary>
/// An open acquisition in a pool. <see cref="Seq"/> is the index of the acquiring event (ledger order), kept across
/// transfers; the lot id is found through it. No references inside, so large pools cost the GC nothing to scan.
/// </summary>
internal readonly record struct Lot(long Seq, Instant At, decimal Quantity, decimal Cost, CostFlags Flags = CostFlags.None)
{
    /// <summary>Splits off <paramref name="quantity"/> (≤ <see cref="Quantity"/>) with its proportional cost; the rest keeps the remainder so no cost is lost to rounding.</summary>
    public (LotPiece Taken, Lot Remaining) Split(decimal quantity, MatchRule rule)
    {
        var cost = quantity == Quantity ? Cost : Cost * quantity / Quantity;
        return (new LotPiece(null, At, Seq, quantity, cost, rule, Flags), this with { Quantity = Quantity - quantity, Cost = Cost - cost });
    }
}

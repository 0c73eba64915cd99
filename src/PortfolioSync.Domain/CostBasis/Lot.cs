using NodaTime;

namespace PortfolioSync.Domain.CostBasis;

/// <summary>An open acquisition in a pool. <see cref="Seq"/> is the acquisition order (ledger order), kept across transfers.</summary>
internal readonly record struct Lot(string Id, Instant At, long Seq, decimal Quantity, decimal Cost)
{
    /// <summary>Splits off <paramref name="quantity"/> (≤ <see cref="Quantity"/>) with its proportional cost; the rest keeps the remainder so no cost is lost to rounding.</summary>
    public (LotPiece Taken, Lot Remaining) Split(decimal quantity, MatchRule rule)
    {
        var cost = quantity == Quantity ? Cost : Cost * quantity / Quantity;
        return (new LotPiece(Id, At, Seq, quantity, cost, rule), this with { Quantity = Quantity - quantity, Cost = Cost - cost });
    }
}

using NodaTime;

namespace PortfolioSync.Domain.CostBasis;

/// <summary>
/// A quantity taken out of a pool, with the cost it carries. <see cref="LotId"/> is null for a lot of an acquiring
/// event (its id is that event's, found by <see cref="Seq"/>); pooled and UK day pieces carry their own id and
/// <see cref="AcquiredAt"/> is null for pooled costs.
/// </summary>
internal readonly record struct LotPiece(string? LotId, Instant? AcquiredAt, long Seq, decimal Quantity, decimal Cost, MatchRule Rule,
    CostFlags Flags = CostFlags.None)
{
    public Lot ToLot() => new(Seq, AcquiredAt ?? default, Quantity, Cost, Flags);
}

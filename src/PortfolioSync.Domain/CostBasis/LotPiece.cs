using NodaTime;

namespace PortfolioSync.Domain.CostBasis;

/// <summary>A quantity taken out of a pool, with the cost it carries. <see cref="AcquiredAt"/> is null for pooled costs.</summary>
internal readonly record struct LotPiece(string LotId, Instant? AcquiredAt, long Seq, decimal Quantity, decimal Cost, MatchRule Rule)
{
    public Lot ToLot() => new(LotId, AcquiredAt ?? default, Seq, Quantity, Cost);
}

using NodaTime;

namespace PortfolioSync.Domain.CostBasis;

/// <summary>
/// Holdings after every event at or before <see cref="At"/>, ordered by pool then asset; <see cref="External"/>
/// lists what left through withdrawals (quantity and the cost it took with it).
/// Under the UK method a holding is the section 104 pool as identified: a disposal matched with a repurchase after
/// <see cref="At"/> has not yet drawn on it.
/// </summary>
public sealed record HoldingSnapshot(Instant At, IReadOnlyList<Holding> Holdings, IReadOnlyList<Holding> External);

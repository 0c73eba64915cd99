namespace PortfolioSync.Domain.CostBasis;

/// <summary>
/// What is uncertain about the cost carried by a lot, a pool or a matched piece. Flags travel with the cost: a piece
/// taken from a lot keeps the lot's flags, a pool holds the union of what it was given until it is emptied.
/// </summary>
[Flags]
public enum CostFlags : byte
{
    /// <summary>The cost is known: every amount that went into it was valued.</summary>
    None = 0,

    /// <summary>Part of the cost could not be valued (no price for an acquisition leg or its fee): the cost shown is
    /// incomplete and must be treated as unknown.</summary>
    Unknown = 1,

    /// <summary>Coins that came in from outside with no known cost (no <c>manual-costs.csv</c> row): by the documented
    /// convention their cost is zero, which overstates the gain until the user gives the real cost.</summary>
    ZeroCostDeposit = 2,
}

namespace PortfolioSync.Domain.CostBasis;

/// <summary>What a pool holds of one asset and what it cost (base currency, full precision).</summary>
/// <param name="Pool">The account (per-account scope) or <c>universal</c>.</param>
public sealed record Holding(string Pool, Asset Asset, decimal Quantity, decimal Cost)
{
    /// <summary>What is uncertain about <see cref="Cost"/> (see <see cref="CostFlags"/>).</summary>
    public CostFlags CostFlags { get; init; }

    /// <summary>False when part of the cost could not be valued.</summary>
    public bool CostKnown => (CostFlags & CostFlags.Unknown) == 0;
}

namespace PortfolioSync.Domain.CostBasis;

/// <summary>
/// One running average: every acquisition adds its quantity and cost; every disposal takes cost × taken / held
/// (the whole cost when it takes everything). Used by the <c>average</c> method and as the UK section 104 pool.
/// </summary>
internal sealed class AverageCostPool(string lotId, MatchRule rule) : ILotPool
{
    public decimal Quantity { get; private set; }

    public decimal Cost { get; private set; }

    /// <summary>The union of the flags of every lot added since the pool was last empty.</summary>
    public CostFlags Flags { get; private set; }

    public void Add(Lot lot)
    {
        Quantity += lot.Quantity;
        Cost += lot.Cost;
        Flags |= lot.Flags;
    }

    public decimal Take(decimal quantity, List<LotPiece> pieces)
    {
        if (quantity <= 0m || Quantity <= 0m) return quantity;
        var taken = Math.Min(quantity, Quantity);
        var cost = taken == Quantity ? Cost : Cost * taken / Quantity;
        pieces.Add(new LotPiece(lotId, null, 0, taken, cost, rule, Flags));
        Quantity -= taken;
        Cost -= cost;
        if (Quantity == 0m) (Cost, Flags) = (0m, CostFlags.None);
        return quantity - taken;
    }
}

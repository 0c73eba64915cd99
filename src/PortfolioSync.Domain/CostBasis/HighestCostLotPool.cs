namespace PortfolioSync.Domain.CostBasis;

/// <summary>HIFO: the lot with the highest unit cost first; equal unit costs go oldest first.</summary>
internal sealed class HighestCostLotPool : ILotPool
{
    private readonly PriorityQueue<Lot, (decimal NegativeUnitCost, long Seq)> _lots = new();

    public decimal Quantity { get; private set; }

    public decimal Cost { get; private set; }

    public CostFlags Flags => _lots.UnorderedItems.Aggregate(CostFlags.None, (flags, item) => flags | item.Element.Flags);

    public void Add(Lot lot)
    {
        Quantity += lot.Quantity;
        Cost += lot.Cost;
        _lots.Enqueue(lot, (-(lot.Cost / lot.Quantity), lot.Seq));
    }

    public decimal Take(decimal quantity, List<LotPiece> pieces)
    {
        var left = quantity;
        while (left > 0m && _lots.TryDequeue(out var lot, out var priority))
        {
            var (taken, rest) = lot.Split(Math.Min(left, lot.Quantity), MatchRule.Hifo);
            pieces.Add(taken);
            left -= taken.Quantity;
            Quantity -= taken.Quantity;
            Cost -= taken.Cost;
            if (rest.Quantity > 0m) _lots.Enqueue(rest, priority);   // same unit cost, same place
        }
        if (_lots.Count == 0) (Quantity, Cost) = (0m, 0m);
        return left;
    }
}

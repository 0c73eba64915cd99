namespace PortfolioSync.Domain.CostBasis;

/// <summary>Lots kept in acquisition order; FIFO takes from the oldest end, LIFO from the newest.</summary>
internal sealed class OrderedLotPool(bool newestFirst) : ILotPool
{
    private readonly List<Lot> _lots = [];
    private int _head;   // lots before _head are used up (FIFO); compacted now and then

    public decimal Quantity { get; private set; }

    public decimal Cost { get; private set; }

    public CostFlags Flags
    {
        get
        {
            var flags = CostFlags.None;
            for (var i = _head; i < _lots.Count; i++) flags |= _lots[i].Flags;
            return flags;
        }
    }

    private MatchRule Rule => newestFirst ? MatchRule.Lifo : MatchRule.Fifo;

    public void Add(Lot lot)
    {
        Quantity += lot.Quantity;
        Cost += lot.Cost;
        if (_lots.Count == _head || _lots[^1].Seq <= lot.Seq)
        {
            _lots.Add(lot);
            return;
        }
        // A lot moved in from another account can be older than lots already here.
        int lo = _head, hi = _lots.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_lots[mid].Seq <= lot.Seq) lo = mid + 1; else hi = mid;
        }
        _lots.Insert(lo, lot);
    }

    public decimal Take(decimal quantity, List<LotPiece> pieces)
    {
        var left = quantity;
        while (left > 0m && _lots.Count > _head)
        {
            var index = newestFirst ? _lots.Count - 1 : _head;
            var lot = _lots[index];
            var (taken, rest) = lot.Split(Math.Min(left, lot.Quantity), Rule);
            pieces.Add(taken);
            left -= taken.Quantity;
            Quantity -= taken.Quantity;
            Cost -= taken.Cost;
            if (rest.Quantity > 0m) _lots[index] = rest;
            else if (newestFirst) _lots.RemoveAt(index);
            else _head++;
        }
        if (_head > 1024 && _head * 2 > _lots.Count)
        {
            _lots.RemoveRange(0, _head);
            _head = 0;
        }
        if (_lots.Count == _head) (Quantity, Cost) = (0m, 0m);   // drop rounding dust of an empty pool
        return left;
    }
}

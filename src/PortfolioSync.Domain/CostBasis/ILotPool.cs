namespace PortfolioSync.Domain.CostBasis;

/// <summary>
/// The open lots of one asset in one pool. Implementations differ only in which lot goes first (rotki's "one matcher
/// for every method"): FIFO/LIFO by acquisition order, HIFO by unit cost, average and UK pool by one running average.
/// </summary>
internal interface ILotPool
{
    decimal Quantity { get; }

    decimal Cost { get; }

    /// <summary>The union of the cost flags of what the pool holds now.</summary>
    CostFlags Flags { get; }

    void Add(Lot lot);

    /// <summary>Takes up to <paramref name="quantity"/> in priority order, appending the pieces; returns what could not be found.</summary>
    decimal Take(decimal quantity, List<LotPiece> pieces);
}

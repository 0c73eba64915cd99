using NodaTime;
using PortfolioSync.Domain.Tax;
using PortfolioSync.Domain.Warnings;

namespace PortfolioSync.Domain.CostBasis;

/// <summary>
/// The one matcher every method shares: walks the valued pool events in ledger order, adds lots, takes them out in
/// the method's priority order, and turns each disposal into a <see cref="Disposal"/> with its matched lots.
/// A shortfall is matched against a zero-cost lot and matching goes on.
/// </summary>
internal sealed class LotMatcher(CostBasisOptions options, Dictionary<(string Pool, Asset Asset, int Day), UkDay>? ukDays, List<PoolEvent> events)
{
    private readonly Dictionary<(string Pool, Asset Asset), ILotPool> _pools = [];
    private readonly Dictionary<(string Pool, Asset Asset), (decimal Quantity, decimal Cost)> _external = [];
    private readonly List<LotPiece> _pieces = [];

    public List<Disposal> Disposals { get; } = [];

    public List<LotRemoval> FeeRemovals { get; } = [];

    public List<Warning> Warnings { get; } = [];

    public List<HoldingSnapshot> Snapshots { get; } = [];

    public void Run()
    {
        var snapshotOrder = Enumerable.Range(0, options.SnapshotAt.Count).OrderBy(i => options.SnapshotAt[i]).ToList();
        var taken = new HoldingSnapshot?[snapshotOrder.Count];
        var next = 0;
        foreach (var e in events)
        {
            while (next < snapshotOrder.Count && e.At > options.SnapshotAt[snapshotOrder[next]])
                taken[snapshotOrder[next]] = Snapshot(options.SnapshotAt[snapshotOrder[next++]]);
            Apply(e);
        }
        while (next < snapshotOrder.Count) taken[snapshotOrder[next]] = Snapshot(options.SnapshotAt[snapshotOrder[next++]]);
        Snapshots.AddRange(taken.Select(s => s!));
        if (ukDays is not null) BuildUkDisposals();
    }

    public HoldingSnapshot Snapshot(Instant at) => new(at,
        _pools.Where(p => p.Value.Quantity != 0m || p.Value.Cost != 0m)
            .OrderBy(p => p.Key.Pool, StringComparer.Ordinal).ThenBy(p => p.Key.Asset)
            .Select(p => new Holding(p.Key.Pool, p.Key.Asset, p.Value.Quantity, p.Value.Cost) { CostFlags = p.Value.Flags }).ToList(),
        _external.OrderBy(p => p.Key.Pool, StringComparer.Ordinal).ThenBy(p => p.Key.Asset)
            .Select(p => new Holding(p.Key.Pool, p.Key.Asset, p.Value.Quantity, p.Value.Cost)).ToList());

    private void Apply(PoolEvent e)
    {
        switch (e.Kind)
        {
            case PoolEventKind.Acquire:
                if (e.PoolQuantity > 0m) Pool(e.Pool, e.Asset).Add(new Lot(e.Seq, e.At, e.PoolQuantity, e.PoolCost, PoolFlags(e)));
                break;
            case PoolEventKind.Dispose:
                Dispose(e);
                break;
            case PoolEventKind.Withdraw:
            {
                var (quantity, cost) = Take(e, "withdrawal");
                var key = (e.Pool, e.Asset);
                var (q, c) = _external.GetValueOrDefault(key);
                _external[key] = (q + quantity, c + cost);
                break;
            }
            case PoolEventKind.Move:
            {
                _pieces.Clear();
                var shortfall = Pool(e.Pool, e.Asset).Take(e.Quantity, _pieces);
                var to = Pool(e.ToPool!, e.Asset);
                foreach (var piece in _pieces) to.Add(piece.ToLot());
                if (shortfall > 0m) Short(e, shortfall, $"transfer to {e.ToPool}: only the lots held moved");
                break;
            }
            case PoolEventKind.FeeRemove:
            {
                var (quantity, cost) = Take(e, "fee");
                FeeRemovals.Add(new LotRemoval(e.Entry.Id, e.Entry.Account, e.Pool, e.Asset, e.At, quantity, cost));
                break;
            }
        }
    }

    private (decimal Quantity, decimal Cost) Take(PoolEvent e, string what)
    {
        _pieces.Clear();
        var shortfall = Pool(e.Pool, e.Asset).Take(e.Quantity, _pieces);
        if (shortfall > 0m) Short(e, shortfall, $"{what}: only the lots held left the pool");
        decimal quantity = 0m, cost = 0m;
        foreach (var p in _pieces)
        {
            quantity += p.Quantity;
            cost += p.Cost;
        }
        return (quantity, cost);
    }

    private void Dispose(PoolEvent e)
    {
        _pieces.Clear();
        var shortfall = e.PoolQuantity > 0m ? Pool(e.Pool, e.Asset).Take(e.PoolQuantity, _pieces) : 0m;
        if (shortfall > 0m)
        {
            Short(e, shortfall, "matched against a zero-cost lot");
            _pieces.Add(new LotPiece("shortfall:" + e.Id, null, 0, shortfall, 0m, MatchRule.Shortfall, CostFlags.Unknown));
        }
        if (ukDays is not null)
        {
            ukDays[(e.Pool, e.Asset, Pricing.PriceSeries.DayNumber(e.Date))].FromPool.AddRange(_pieces);
            return;
        }
        Disposals.Add(Build(e.Id, [e.Entry.Id], e.Entry.Account, e.Pool, e.Asset, e.DisposalKind, e.At, e.Date,
            e.Quantity, e.Proceeds, e.Fees, _pieces) with { ProceedsKnown = e.ProceedsKnown, FeesKnown = e.FeesKnown });
    }

    private void BuildUkDisposals()
    {
        foreach (var day in ukDays!.Values.Where(d => d.Disposals.Count > 0).OrderBy(d => d.Disposals[0].Seq))
        {
            var pieces = new List<LotPiece>(day.Identified);
            Merge(day.FromPool, MatchRule.Pool, pieces);
            Merge(day.FromPool, MatchRule.Shortfall, pieces);
            var first = day.Disposals[0];
            var accounts = day.Disposals.Select(d => d.Entry.Account).Distinct().Order(StringComparer.Ordinal);
            Disposals.Add(Build(
                $"uk:{day.Pool}:{day.Asset}:{NodaTime.Text.LocalDatePattern.Iso.Format(day.Date)}",
                day.Disposals.Select(d => d.Entry.Id).Distinct().ToList(), string.Join('+', accounts), day.Pool, day.Asset,
                first.DisposalKind, first.At, day.Date, day.DisposedQuantity,
                day.Disposals.Sum(d => d.Proceeds), day.Disposals.Sum(d => d.Fees), pieces) with
                {
                    ProceedsKnown = day.Disposals.All(d => d.ProceedsKnown),
                    FeesKnown = day.Disposals.All(d => d.FeesKnown),
                });
        }
    }

    private static void Merge(List<LotPiece> from, MatchRule rule, List<LotPiece> into)
    {
        LotPiece? merged = null;
        foreach (var p in from)
        {
            if (p.Rule != rule) continue;
            merged = merged is { } m ? m with { Quantity = m.Quantity + p.Quantity, Cost = m.Cost + p.Cost, Flags = m.Flags | p.Flags } : p;
        }
        if (merged is { } piece) into.Add(piece);
    }

    private Disposal Build(string id, IReadOnlyList<string> entryIds, string account, string pool, Asset asset,
        DisposalKind kind, Instant at, LocalDate date, decimal quantity, decimal proceeds, decimal fees, List<LotPiece> pieces)
    {
        var lots = new MatchedLot[pieces.Count];
        decimal proceedsLeft = proceeds, feesLeft = fees, cost = 0m;
        for (var i = 0; i < pieces.Count; i++)
        {
            var p = pieces[i];
            var last = i == pieces.Count - 1;
            var share = last ? proceedsLeft : proceeds * p.Quantity / quantity;
            var feeShare = last ? feesLeft : fees * p.Quantity / quantity;
            proceedsLeft -= share;
            feesLeft -= feeShare;
            cost += p.Cost;
            LocalDate? acquired = p.AcquiredAt is { } a ? a.InZone(options.Zone).Date : null;
            lots[i] = new MatchedLot(p.LotId ?? events[(int)p.Seq].Id, p.AcquiredAt, acquired, p.Quantity, p.Cost, share, feeShare,
                share - feeShare - p.Cost, p.Rule, Term(p, acquired, date)) { CostFlags = p.Flags };
        }
        return new Disposal(id, entryIds[0], entryIds, account, pool, asset, kind, at, date,
            TaxYear.Containing(date, options.TaxYearRule), quantity, proceeds, fees, cost, proceeds - fees - cost, lots);
    }

    private HoldingTerm Term(LotPiece piece, LocalDate? acquired, LocalDate disposed) =>
        options.Method == CostBasisMethod.Uk || acquired is not { } a || piece.Rule is MatchRule.Shortfall or MatchRule.Average or MatchRule.Pool
            ? HoldingTerm.None
            : disposed > a.PlusYears(1) ? HoldingTerm.Long : HoldingTerm.Short;

    /// <summary>The flags of the cost an acquisition brings to the pool: under the UK method what is left of its day's
    /// acquisitions, so the union of that day's flags.</summary>
    private CostFlags PoolFlags(PoolEvent e) =>
        ukDays is not null && ukDays.TryGetValue((e.Pool, e.Asset, Pricing.PriceSeries.DayNumber(e.Date)), out var day)
            ? day.AcquiredFlags
            : e.CostFlags;

    private void Short(PoolEvent e, decimal shortfall, string consequence) =>
        Warnings.Add(new Warning(WarningCode.NegativeBalance, Severity.Warning, e.Entry.Account, e.Entry.Id,
            $"{DecimalText.Format(shortfall)} {e.Asset} more left pool {e.Pool} than it held ({consequence})"));

    private ILotPool Pool(string pool, Asset asset)
    {
        if (_pools.TryGetValue((pool, asset), out var lots)) return lots;
        lots = options.Method switch
        {
            CostBasisMethod.Fifo => new OrderedLotPool(newestFirst: false),
            CostBasisMethod.Lifo => new OrderedLotPool(newestFirst: true),
            CostBasisMethod.Hifo => new HighestCostLotPool(),
            CostBasisMethod.Average => new AverageCostPool($"average:{pool}:{asset}", MatchRule.Average),
            _ => new AverageCostPool($"s104:{pool}:{asset}", MatchRule.Pool),
        };
        _pools[(pool, asset)] = lots;
        return lots;
    }
}

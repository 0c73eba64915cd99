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
    private readonly Dictionary<(string Pool, Asset Asset), List<Lot>> _external = [];
    /// <summary>
    /// UK method: how much of each section 104 pool is outside the exchange. Withdrawn tokens are still the person's and
    /// stay in the pool (the beneficial owner has a single pooled asset per token type, CRYPTO22200, TCGA 1992 s104(3)(ii);
    /// moving tokens to one's own wallet disposes of nothing), so the pool's average keeps blending them with later
    /// acquisitions; disposals on the exchange take only from what is held on it.
    /// </summary>
    private readonly Dictionary<(string Pool, Asset Asset), decimal> _outside = [];
    private readonly Dictionary<(string Pool, Asset Asset), List<Pending>> _pending = [];
    private readonly List<LotPiece> _pieces = [];

    /// <summary>A disposal that ran short of lots, waiting for later acquisitions of its pool and asset.</summary>
    private sealed class Pending(PoolEvent e, List<LotPiece> pieces, decimal left, int index)
    {
        public PoolEvent Event { get; } = e;
        public List<LotPiece> Pieces { get; } = pieces;
        public decimal Left { get; set; } = left;
        /// <summary>The disposal's place in <see cref="Disposals"/> (−1 under the UK method: built per day at the end).</summary>
        public int Index { get; } = index;
    }

    public List<LotAllocation> Allocations { get; } = [];

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
        FinishPending();
        if (ukDays is not null) BuildUkDisposals();
    }

    public HoldingSnapshot Snapshot(Instant at)
    {
        var held = new List<Holding>();
        var outside = new List<Holding>();
        foreach (var (key, pool) in _pools.OrderBy(p => p.Key.Pool, StringComparer.Ordinal).ThenBy(p => p.Key.Asset))
        {
            // UK: the pool's share outside the exchange is listed as external, at the pool's average cost.
            var away = Math.Min(_outside.GetValueOrDefault(key), pool.Quantity);
            var awayCost = away <= 0m ? 0m : away == pool.Quantity ? pool.Cost : pool.Cost * away / pool.Quantity;
            if (pool.Quantity - away != 0m || pool.Cost - awayCost != 0m)
                held.Add(new Holding(key.Pool, key.Asset, pool.Quantity - away, pool.Cost - awayCost) { CostFlags = pool.Flags });
            if (away > 0m) outside.Add(new Holding(key.Pool, key.Asset, away, awayCost) { CostFlags = pool.Flags });
        }
        outside.AddRange(_external.Where(p => p.Value.Count > 0)
            .Select(p => new Holding(p.Key.Pool, p.Key.Asset, p.Value.Sum(l => l.Quantity), p.Value.Sum(l => l.Cost))
            {
                CostFlags = p.Value.Aggregate(CostFlags.None, (f, l) => f | l.Flags),
            }));
        return new(at, held, outside.OrderBy(h => h.Pool, StringComparer.Ordinal).ThenBy(h => h.Asset).ToList());
    }

    private void Apply(PoolEvent e)
    {
        switch (e.Kind)
        {
            case PoolEventKind.Acquire:
                Acquire(e);
                break;
            case PoolEventKind.Return:
                Return(e);
                break;
            case PoolEventKind.Allocate:
                Allocate(e);
                break;
            case PoolEventKind.Dispose:
                Dispose(e);
                break;
            case PoolEventKind.Withdraw when ukDays is not null:
            {
                var key = (e.Pool, e.Asset);
                var onExchange = Math.Max(0m, Pool(e.Pool, e.Asset).Quantity - _outside.GetValueOrDefault(key));
                var leaving = Math.Min(e.Quantity, onExchange);
                _outside[key] = _outside.GetValueOrDefault(key) + leaving;
                if (e.Quantity > leaving) Short(e, e.Quantity - leaving, "withdrawal: only the tokens held left");
                break;
            }
            case PoolEventKind.Withdraw:
            {
                Take(e, "withdrawal");
                var key = (e.Pool, e.Asset);
                if (!_external.TryGetValue(key, out var lots)) _external[key] = lots = [];
                foreach (var p in _pieces) lots.Add(p.ToLot());
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

    /// <summary>Takes from what the pool holds on the exchange (UK: not its share outside, <see cref="_outside"/>), at the
    /// whole pool's average; returns the quantity not found.</summary>
    private decimal TakeHeld(PoolEvent e, decimal quantity)
    {
        var pool = Pool(e.Pool, e.Asset);
        var away = _outside.GetValueOrDefault((e.Pool, e.Asset));
        if (away <= 0m) return pool.Take(quantity, _pieces);
        var take = Math.Min(quantity, Math.Max(0m, pool.Quantity - away));
        return (take > 0m ? pool.Take(take, _pieces) : 0m) + (quantity - take);
    }

    private (decimal Quantity, decimal Cost) Take(PoolEvent e, string what)
    {
        _pieces.Clear();
        var shortfall = TakeHeld(e, e.Quantity);
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
        var shortfall = e.PoolQuantity > 0m ? TakeHeld(e, e.PoolQuantity) : 0m;
        if (ukDays is not null)
        {
            var day = ukDays[(e.Pool, e.Asset, Pricing.PriceSeries.DayNumber(e.Date))];
            day.FromPool.AddRange(_pieces);
            if (shortfall > 0m) Wait(new Pending(e, day.FromPool, shortfall, -1));
            return;
        }
        if (shortfall > 0m)
        {
            // Built when later acquisitions have filled the shortfall (or at the end); its place is kept.
            Wait(new Pending(e, [.. _pieces], shortfall, Disposals.Count));
            Disposals.Add(null!);
            return;
        }
        Disposals.Add(BuildOne(e, _pieces));
    }

    private Disposal BuildOne(PoolEvent e, List<LotPiece> pieces) =>
        Build(e.Id, [e.Entry.Id], e.Entry.Account, e.Pool, e.Asset, e.DisposalKind, e.At, e.Date,
            e.Quantity, e.Proceeds, e.Fees, pieces) with { ProceedsKnown = e.ProceedsKnown, FeesKnown = e.FeesKnown };

    private void Wait(Pending p)
    {
        if (!_pending.TryGetValue((p.Event.Pool, p.Event.Asset), out var list)) _pending[(p.Event.Pool, p.Event.Asset)] = list = [];
        list.Add(p);
    }

    /// <summary>An acquisition first fills earlier disposals that ran short (CG51555 step 4: later acquisitions,
    /// earliest first; earlier disposals first), then joins the pool.</summary>
    private void Acquire(PoolEvent e)
    {
        var quantity = e.PoolQuantity;
        var cost = e.PoolCost;
        if (quantity <= 0m) return;
        var flags = PoolFlags(e);
        var at = e.AcquiredAt ?? e.At;
        if (_pending.TryGetValue((e.Pool, e.Asset), out var waiting))
        {
            while (waiting.Count > 0 && quantity > 0m)
            {
                var p = waiting[0];
                var take = Math.Min(p.Left, quantity);
                var share = take == quantity ? cost : cost * take / quantity;
                p.Pieces.Add(new LotPiece(null, at, e.Seq, take, share, MatchRule.LaterAcquisition, flags));
                p.Left -= take;
                quantity -= take;
                cost -= share;
                if (p.Left > 0m) continue;
                waiting.RemoveAt(0);
                if (p.Index >= 0) Disposals[p.Index] = BuildOne(p.Event, p.Pieces);
            }
        }
        if (quantity > 0m) Pool(e.Pool, e.Asset).Add(new Lot(e.Seq, at, quantity, cost, flags));
    }

    /// <summary>Shortfalls no later acquisition filled: a zero-cost lot and a <c>negative-balance</c> warning.</summary>
    private void FinishPending()
    {
        foreach (var p in _pending.Values.SelectMany(l => l).OrderBy(p => p.Event.Seq))
        {
            Short(p.Event, p.Left, "matched against a zero-cost lot: no later acquisition");
            p.Pieces.Add(new LotPiece("shortfall:" + p.Event.Id, null, 0, p.Left, 0m, MatchRule.Shortfall, CostFlags.Unknown));
            if (p.Index >= 0) Disposals[p.Index] = BuildOne(p.Event, p.Pieces);
        }
        _pending.Clear();
    }

    /// <summary>Own coins coming back: the lots that left the pool return with their dates and costs.</summary>
    private void Return(PoolEvent e)
    {
        var left = e.Quantity;
        var pool = Pool(e.Pool, e.Asset);
        if (ukDays is not null)
        {
            // UK: the tokens never left the pool; they are on the exchange again.
            var back = Math.Min(left, _outside.GetValueOrDefault((e.Pool, e.Asset)));
            if (back > 0m) _outside[(e.Pool, e.Asset)] -= back;
            left -= back;
        }
        else if (_external.TryGetValue((e.Pool, e.Asset), out var lots))
        {
            while (left > 0m && lots.Count > 0)
            {
                var lot = lots[0];
                var (taken, rest) = lot.Split(Math.Min(left, lot.Quantity), MatchRule.Fifo);
                pool.Add(taken.ToLot());
                left -= taken.Quantity;
                if (rest.Quantity > 0m) lots[0] = rest; else lots.RemoveAt(0);
            }
        }
        if (left <= 0m) return;
        // The withdrawal found fewer lots than it took: what is not found comes in at zero cost.
        Warnings.Add(new Warning(WarningCode.MissingCostBasis, Severity.Warning, e.Entry.Account, e.Entry.Id,
            $"{DecimalText.Format(left)} {e.Asset} came back from outside but no lots had left pool {e.Pool}: a zero-cost lot was used; give its cost in manual-costs.csv"));
        pool.Add(new Lot(e.Seq, e.At, left, 0m, CostFlags.ZeroCostDeposit));
    }

    /// <summary>Scope <c>per-account-from</c>: each account, in config order, takes lots from the universal pool in the
    /// method's priority order until its balance at the date is covered.</summary>
    private void Allocate(PoolEvent e)
    {
        foreach (var group in e.Balances.GroupBy(b => b.Asset))
        {
            var universal = Pool(PoolScopeText.UniversalPool, group.Key);
            foreach (var (account, asset, balance) in group)
            {
                _pieces.Clear();
                var missing = universal.Take(balance, _pieces);
                var to = Pool(account, asset);
                foreach (var p in _pieces)
                {
                    to.Add(p.ToLot() with { At = p.AcquiredAt ?? e.At });
                    Allocations.Add(new LotAllocation(e.Date, asset, account, p.LotId ?? events[(int)p.Seq].Id, p.AcquiredAt, p.Quantity, p.Cost)
                    {
                        CostFlags = p.Flags,
                    });
                }
                if (missing > 0m)
                    Warnings.Add(new Warning(WarningCode.LotAllocation, Severity.Warning, account, null,
                        $"allocation on {NodaTime.Text.LocalDatePattern.Iso.Format(e.Date)}: {account} held {DecimalText.Format(balance)} {asset} but only {DecimalText.Format(balance - missing)} was left in the {PoolScopeText.UniversalPool} pool; the rest has no lots"));
            }
        }
        foreach (var ((pool, asset), lots) in _pools.Where(p => p.Key.Pool == PoolScopeText.UniversalPool && p.Value.Quantity > 0m)
                     .OrderBy(p => p.Key.Asset).ToList())
            Warnings.Add(new Warning(WarningCode.LotAllocation, Severity.Warning, null, null,
                $"allocation on {NodaTime.Text.LocalDatePattern.Iso.Format(e.Date)}: {DecimalText.Format(lots.Quantity)} {asset} of the {PoolScopeText.UniversalPool} pool was held by no account at the date (a negative balance or coins outside): those lots stay in pool {pool}"));
    }

    private void BuildUkDisposals()
    {
        foreach (var day in ukDays!.Values.Where(d => d.Disposals.Count > 0).OrderBy(d => d.Disposals[0].Seq))
        {
            var pieces = new List<LotPiece>(day.Identified);
            Merge(day.FromPool, MatchRule.Pool, pieces);
            pieces.AddRange(day.FromPool.Where(p => p.Rule == MatchRule.LaterAcquisition));
            Merge(day.FromPool, MatchRule.Shortfall, pieces);
            var first = day.Disposals[0];
            var accounts = day.Disposals.Select(d => d.Entry.Account).Distinct().Order(StringComparer.Ordinal);
            Disposals.Add(Build(
                $"{CostBasisMethod.Uk.ToText()}:{day.Pool}:{day.Asset}:{NodaTime.Text.LocalDatePattern.Iso.Format(day.Date)}",
                day.Disposals.Select(d => d.Entry.Id).Distinct().ToList(), string.Join('+', accounts), day.Pool, day.Asset,
                KindOf(day), first.At, day.Date, day.DisposedQuantity,
                day.Disposals.Sum(d => d.Proceeds), day.Disposals.Sum(d => d.Fees), pieces) with
                {
                    ProceedsKnown = day.Disposals.All(d => d.ProceedsKnown),
                    FeesKnown = day.Disposals.All(d => d.FeesKnown),
                });
        }
    }

    /// <summary>A UK day's disposals are one disposal: its kind is the kind of its largest part (ties: the first).</summary>
    private static DisposalKind KindOf(UkDay day)
    {
        var best = day.Disposals[0].DisposalKind;
        var bestQuantity = -1m;
        foreach (var kind in day.Disposals.Select(d => d.DisposalKind).Distinct())
        {
            var q = day.Disposals.Where(d => d.DisposalKind == kind).Sum(d => d.Quantity);
            if (q > bestQuantity) (best, bestQuantity) = (kind, q);
        }
        return best;
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
            CostBasisMethod.Fifo or CostBasisMethod.FrPortfolio => new OrderedLotPool(newestFirst: false),
            CostBasisMethod.Lifo => new OrderedLotPool(newestFirst: true),
            CostBasisMethod.Hifo => new HighestCostLotPool(),
            CostBasisMethod.Average => new AverageCostPool($"{CostBasisMethod.Average.ToText()}:{pool}:{asset}", MatchRule.Average),
            _ => new AverageCostPool($"s104:{pool}:{asset}", MatchRule.Pool),
        };
        _pools[(pool, asset)] = lots;
        return lots;
    }
}

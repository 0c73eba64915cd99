using NodaTime;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Pricing;
using PortfolioSync.Domain.Tax;
using PortfolioSync.Domain.Warnings;

namespace PortfolioSync.Domain.CostBasis;

/// <summary>
/// Turns sorted ledger entries into pool events valued in the base currency (DESIGN.md §3): trades, fees, income,
/// deposits, withdrawals and transfers. Collects income records and warnings on the way.
/// </summary>
internal sealed class PoolEventBuilder
{
    private readonly CostBasisOptions _o;
    private readonly PriceBook _prices;
    private readonly Dictionary<string, LedgerEntry> _pairs;
    private readonly ManualCostBook _manual;
    private readonly Dictionary<(Asset Asset, int Day), Conversion> _conversions = [];
    private readonly Dictionary<(string Pool, Asset Asset), decimal> _external = [];
    private readonly Dictionary<(string Account, Asset Asset), decimal> _balances = [];
    private bool _allocated;

    public PoolEventBuilder(CostBasisOptions options, PriceBook prices, IReadOnlyList<LedgerEntry> sorted)
    {
        _o = options;
        _prices = prices;
        _pairs = TransferPairing.Pair(sorted, options);
        _manual = new ManualCostBook(options, sorted, _pairs);
    }

    public List<PoolEvent> Events { get; } = [];

    public List<IncomeRecord> Income { get; } = [];

    public List<DerivativeSettlement> Derivatives { get; } = [];

    public List<Warning> Warnings { get; } = [];

    public PriceWarnings PriceWarnings { get; } =
        new("the value is unknown: the proceeds, cost or income that need it are left empty and the report is incomplete; add the candle or a manual cost");

    public void Add(LedgerEntry e)
    {
        if (_o.Scope == PoolScope.PerAccountFrom) TrackBalances(e);
        switch (e.Kind)
        {
            case EntryKind.Trade:
                Trade(e);
                break;
            case EntryKind.Deposit:
                Inflows(e, deposit: true);
                Outflows(e);
                break;
            case EntryKind.Withdrawal:
                Outflows(e);
                Inflows(e, deposit: true);
                break;
            case EntryKind.InternalTransfer:
                Transfer(e);
                break;
            case EntryKind.StakingReward or EntryKind.ReferralReward or EntryKind.OtherIncome:
                Inflows(e, deposit: false);
                Outflows(e);
                break;
            case EntryKind.Fee:
                foreach (var (asset, q) in NetLegs(e))
                    if (q < 0m) SpendAsFee(e, asset, -q, "/fee-leg");
                    else if (q > 0m) Receive(e, asset, q, deposit: false);
                break;
            case EntryKind.StakingLock or EntryKind.StakingUnlock:
                break;   // still owned: legs change nothing; a fee still counts
            case EntryKind.DerivativesSettlement:
                Settlement(e);
                break;
            case EntryKind.WriteOff:
                foreach (var (asset, q) in NetLegs(e))
                    if (q < 0m && !_o.IsFiat(asset)) Dispose(e, asset, -q, 0m, 0m, DisposalKind.NilProceeds, "");
                break;
            case EntryKind.Unknown:
                Warnings.Add(new Warning(WarningCode.UnknownRecord, Severity.Warning, e.Account, e.Id,
                    $"ignored by the cost basis engine: a record of unknown type ({e.SourceKey}), already reported at sync; its effect on holdings and gains is not counted"));
                return;
        }
        ChargeFee(e);
    }

    public void Finish()
    {
        Warnings.AddRange(_manual.Unused());
    }

    private void Trade(LedgerEntry e)
    {
        var legs = NetLegs(e);
        var crypto = new List<(Asset Asset, decimal Quantity)>(2);
        var fiat = new List<(Asset Asset, decimal Quantity)>(2);
        foreach (var leg in legs) (_o.IsFiat(leg.Asset) ? fiat : crypto).Add(leg);
        if (crypto.Count == 0) return;   // fiat for fiat: money, not assets
        var feeValue = FeeValueOrNull(e);
        var fee = feeValue ?? 0m;
        var feeKnown = feeValue is not null;

        if (fiat.Count > 0 && crypto.Count == 1)
        {
            decimal? value = 0m;
            foreach (var (asset, q) in fiat)
                value = Value(e, asset, Math.Abs(q)) is { } v && value is { } sum ? sum + v : null;
            var (cAsset, cq) = crypto[0];
            value ??= Value(e, cAsset, Math.Abs(cq));
            if (cq > 0m) Acquire(e, cAsset, cq, (value ?? 0m) + fee, Known(value is not null && feeKnown));
            else Dispose(e, cAsset, -cq, value ?? 0m, fee, DisposalKind.Sale, "", value is not null, feeKnown);
            return;
        }

        if (fiat.Count == 0 && crypto.Count == 2 && crypto[0].Quantity * crypto[1].Quantity < 0m)
        {
            var (given, gq) = crypto[0].Quantity < 0m ? crypto[0] : crypto[1];
            var (received, rq) = crypto[0].Quantity < 0m ? crypto[1] : crypto[0];
            decimal? proceeds, cost;
            if (_o.CryptoToCrypto == CryptoToCryptoValuation.EachLeg)
            {
                // HMRC CRYPTO22257: each leg at its own market value.
                var receivedValue = Value(e, received, rq);
                var givenValue = Value(e, given, -gq);
                (proceeds, cost) = (receivedValue ?? givenValue, givenValue ?? receivedValue);
            }
            else
            {
                // One value for the trade: its quote leg (the market's quote, else the fee's asset, else the second leg) in the base currency.
                var (quote, qq, other, oq) = QuoteAsset(e) == given ? (given, -gq, received, rq) : (received, rq, given, -gq);
                var value = Value(e, quote, qq) ?? Value(e, other, oq);
                (proceeds, cost) = (value, value);
            }
            // Fees of a crypto-to-crypto trade are allowable costs of the disposal of what was given.
            Dispose(e, given, -gq, proceeds ?? 0m, fee, DisposalKind.Exchange, "", proceeds is not null, feeKnown);
            Acquire(e, received, rq, cost ?? 0m, Known(cost is not null));
            return;
        }

        // Anything else (several crypto legs): each leg at its own market value; the fee goes to the first disposal.
        var feeLeft = fee;
        var feeLeftKnown = feeKnown;
        foreach (var (asset, q) in crypto.Where(l => l.Quantity < 0m))
        {
            var value = Value(e, asset, -q);
            Dispose(e, asset, -q, value ?? 0m, feeLeft, fiat.Count > 0 ? DisposalKind.Sale : DisposalKind.Exchange, "",
                value is not null, feeLeftKnown);
            (feeLeft, feeLeftKnown) = (0m, true);
        }
        foreach (var (asset, q) in crypto.Where(l => l.Quantity > 0m))
        {
            var value = Value(e, asset, q);
            Acquire(e, asset, q, (value ?? 0m) + feeLeft, Known(value is not null && feeLeftKnown));
            (feeLeft, feeLeftKnown) = (0m, true);
        }
    }

    /// <summary>The quote asset of a crypto-to-crypto trade: the market's quote carried on the entry
    /// (<see cref="LedgerEntry.Quote"/>) when it is one of the legs; else the asset its fee is charged in when that is
    /// one of the legs (Bitstamp charges the quote); else the second leg.</summary>
    private static Asset? QuoteAsset(LedgerEntry e)
    {
        if (e.Quote is { } quote && e.Legs.Any(l => l.Asset == quote)) return quote;
        if (e.Fee is { Amount: > 0m } fee && e.Legs.Any(l => l.Asset == fee.Asset)) return fee.Asset;
        return e.Legs.Count >= 2 ? e.Legs[1].Asset : null;
    }

    private void Inflows(LedgerEntry e, bool deposit)
    {
        foreach (var (asset, q) in NetLegs(e))
            if (q > 0m) Receive(e, asset, q, deposit);
    }

    private void Outflows(LedgerEntry e)
    {
        foreach (var (asset, q) in NetLegs(e))
            if (q < 0m && !_o.IsFiat(asset)) Withdraw(e, asset, -q);
    }

    private void Receive(LedgerEntry e, Asset asset, decimal q, bool deposit)
    {
        if (deposit)
        {
            if (_o.IsFiat(asset)) return;
            if (_manual.CostOf(e, asset, q, Date(e)) is { } manual)
            {
                Acquire(e, asset, q, manual.Cost, acquiredAt: manual.AcquiredAt);
                return;
            }
            // Own coins coming back: lots that left this pool through withdrawals return first (not an acquisition).
            var key = (PoolOf(e), asset);
            var back = Math.Min(q, _external.GetValueOrDefault(key));
            if (back > 0m)
            {
                _external[key] -= back;
                Events.Add(NewEvent(PoolEventKind.Return, e, asset, back));
                q -= back;
                if (q == 0m) return;
            }
            Warnings.Add(new Warning(WarningCode.MissingCostBasis, Severity.Warning, e.Account, e.Id,
                $"{DecimalText.Format(q)} {asset} came in from outside with no known cost: a zero-cost lot was used; give its cost in manual-costs.csv"));
            Acquire(e, asset, q, 0m, CostFlags.ZeroCostDeposit);
            return;
        }
        var value = Value(e, asset, q);
        var date = Date(e);
        Income.Add(new IncomeRecord(e.At, date, TaxYear.Containing(date, _o.TaxYearRule), e.Account, asset, q,
            value ?? 0m, value is not null, e.Kind, e.Id));
        if (!_o.IsFiat(asset)) Acquire(e, asset, q, value ?? 0m, Known(value is not null));
    }

    private void Withdraw(LedgerEntry e, Asset asset, decimal q)
    {
        if (_o.WithdrawalsAreDisposals)
        {
            var value = Value(e, asset, q);
            Dispose(e, asset, q, value ?? 0m, 0m, DisposalKind.Withdrawal, "", value is not null);
        }
        else
        {
            Events.Add(NewEvent(PoolEventKind.Withdraw, e, asset, q));
            var key = (PoolOf(e), asset);
            _external[key] = _external.GetValueOrDefault(key) + q;
        }
    }

    private void Transfer(LedgerEntry e)
    {
        if (e.Legs.Count == 1 && _pairs.TryGetValue(e.Id, out var other))
        {
            // Paired: handled once, on whichever side comes first in ledger order.
            if (LedgerOrder.Instance.Compare(e, other) > 0 || PoolOf(e) == PoolScopeText.UniversalPool) return;
            var (from, to) = e.Legs[0].Quantity < 0m ? (e, other) : (other, e);
            var leg = e.Legs[0];
            Events.Add(new PoolEvent(PoolEventKind.Move, e, from.Account, leg.Asset, Math.Abs(leg.Quantity), Date(e), Events.Count)
            {
                ToPool = to.Account,
            });
            return;
        }
        foreach (var (asset, q) in NetLegs(e))
        {
            if (q == 0m || _o.IsFiat(asset)) continue;
            Warnings.Add(new Warning(WarningCode.UnmatchedTransfer, Severity.Warning, e.Account, e.Id,
                $"internal transfer of {DecimalText.Format(q)} {asset} has no other side on another account within {_o.TransferWindow.TotalMinutes:0} minutes: treated as a {(q > 0m ? "deposit" : "withdrawal")}. "
                + "Two readings are possible: a move between your own accounts whose other account is not configured (add it, and the lots move with their dates and costs), "
                + "or a transfer with someone else (inter-account type 35 pairs have been trades in substance, crypto out and fiat in; settlement type 33 has been read as a deposit): check it and give a manual cost if needed"));
            if (q > 0m) Receive(e, asset, q, deposit: true);
            else Withdraw(e, asset, -q);
        }
    }

    /// <summary>A fee paid in a cryptoasset: a disposal at market value, or (option off) a removal from the pool.</summary>
    private void ChargeFee(LedgerEntry e)
    {
        if (e.Fee is not { Amount: > 0m } fee || _o.IsFiat(fee.Asset)) return;
        SpendAsFee(e, fee.Asset, fee.Amount, "/fee");
    }

    private void SpendAsFee(LedgerEntry e, Asset asset, decimal q, string suffix)
    {
        if (_o.IsFiat(asset)) return;
        if (_o.CryptoFeesAreDisposals)
        {
            var value = Value(e, asset, q);
            Dispose(e, asset, q, value ?? 0m, 0m, DisposalKind.Fee, suffix, value is not null);
        }
        else
            Events.Add(NewEvent(PoolEventKind.FeeRemove, e, asset, q));
    }

    /// <summary>The fee's value in the base currency: 0 when there is no fee, null when it has no price.</summary>
    private decimal? FeeValueOrNull(LedgerEntry e) =>
        e.Fee is { Amount: > 0m } fee ? Value(e, fee.Asset, fee.Amount) : 0m;

    private static CostFlags Known(bool known) => known ? CostFlags.None : CostFlags.Unknown;

    private void Acquire(LedgerEntry e, Asset asset, decimal q, decimal cost, CostFlags flags = CostFlags.None, Instant? acquiredAt = null) =>
        Events.Add(new PoolEvent(PoolEventKind.Acquire, e, PoolOf(e), asset, q, Date(e), Events.Count)
        {
            IdSuffix = "",
            Cost = cost,
            PoolCost = cost,
            CostFlags = flags,
            AcquiredAt = acquiredAt,
        });

    private void Dispose(LedgerEntry e, Asset asset, decimal q, decimal proceeds, decimal fees, DisposalKind kind, string suffix,
        bool proceedsKnown = true, bool feesKnown = true) =>
        Events.Add(new PoolEvent(PoolEventKind.Dispose, e, PoolOf(e), asset, q, Date(e), Events.Count)
        {
            IdSuffix = suffix,
            Proceeds = proceeds,
            Fees = fees,
            DisposalKind = kind,
            ProceedsKnown = proceedsKnown,
            FeesKnown = feesKnown,
        });

    private PoolEvent NewEvent(PoolEventKind kind, LedgerEntry e, Asset asset, decimal q) =>
        new(kind, e, PoolOf(e), asset, q, Date(e), Events.Count);

    private string PoolOf(LedgerEntry e) => _o.Scope switch
    {
        PoolScope.PerAccount => e.Account,
        PoolScope.PerAccountFrom when _o.PerAccountFrom is { } from && Date(e) >= from => e.Account,
        _ => PoolScopeText.UniversalPool,
    };

    /// <summary>A derivatives settlement: listed signed, never income. A cryptoasset received is acquired at market
    /// value and one paid is disposed of at market value; fiat only moves money.</summary>
    private void Settlement(LedgerEntry e)
    {
        var date = Date(e);
        foreach (var (asset, q) in NetLegs(e))
        {
            var value = Value(e, asset, Math.Abs(q));
            Derivatives.Add(new DerivativeSettlement(e.At, date, TaxYear.Containing(date, _o.TaxYearRule), e.Account, asset, q,
                value is { } v ? Math.Sign(q) * v : 0m, value is not null, e.Id));
            if (_o.IsFiat(asset)) continue;
            if (q > 0m) Acquire(e, asset, q, value ?? 0m, Known(value is not null));
            else Dispose(e, asset, -q, value ?? 0m, 0m, DisposalKind.Sale, "", value is not null);
        }
    }

    /// <summary>Scope <c>per-account-from</c>: running balances per account; before the first entry on or after the
    /// date, an Allocate event carries the balances at that instant.</summary>
    private void TrackBalances(LedgerEntry e)
    {
        if (!_allocated && _o.PerAccountFrom is { } from && Date(e) >= from)
        {
            _allocated = true;
            var order = _o.AccountOrder.Select((a, i) => (a, i)).GroupBy(x => x.a, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
            var balances = _balances.Where(b => b.Value > 0m)
                .OrderBy(b => b.Key.Asset)
                .ThenBy(b => order.TryGetValue(b.Key.Account, out var i) ? i : int.MaxValue)
                .ThenBy(b => b.Key.Account, StringComparer.Ordinal)
                .Select(b => (b.Key.Account, b.Key.Asset, b.Value)).ToList();
            Events.Add(new PoolEvent(PoolEventKind.Allocate, e, PoolScopeText.UniversalPool, default, 0m, from, Events.Count)
            {
                Balances = balances,
            });
        }
        if (_allocated) return;
        if (e.Kind is not (EntryKind.StakingLock or EntryKind.StakingUnlock))   // staked coins stay the account's
            foreach (var leg in e.Legs)
                if (!_o.IsFiat(leg.Asset)) Add(_balances, (e.Account, leg.Asset), leg.Quantity);
        if (e.Fee is { } fee && !_o.IsFiat(fee.Asset)) Add(_balances, (e.Account, fee.Asset), -fee.Amount);
    }

    private static void Add(Dictionary<(string, Asset), decimal> d, (string, Asset) key, decimal q) =>
        d[key] = d.GetValueOrDefault(key) + q;

    private LocalDate Date(LedgerEntry e) => e.At.InZone(_o.Zone).Date;

    /// <summary>Market value in the base currency, or null (with a warning) when no price is known.</summary>
    private decimal? Value(LedgerEntry e, Asset asset, decimal quantity)
    {
        if (asset == _o.BaseCurrency) return quantity;
        // A million trades need a few thousand distinct conversions (asset × day): each is worked out once.
        var key = (asset, PriceSeries.UtcDayNumber(e.At));
        if (!_conversions.TryGetValue(key, out var c)) _conversions[key] = c = _prices.Convert(asset, _o.BaseCurrency, e.At);
        return PriceWarnings.Record(c, e.Account, e.Id) ? c.Apply(quantity) : null;
    }

    /// <summary>Legs summed per asset, in first-appearance order, zeros dropped.</summary>
    private static List<(Asset Asset, decimal Quantity)> NetLegs(LedgerEntry e)
    {
        var result = new List<(Asset Asset, decimal Quantity)>(e.Legs.Count);
        foreach (var leg in e.Legs)
        {
            var i = 0;
            while (i < result.Count && result[i].Asset != leg.Asset) i++;
            if (i == result.Count) result.Add((leg.Asset, leg.Quantity));
            else result[i] = (leg.Asset, result[i].Quantity + leg.Quantity);
        }
        for (var i = result.Count - 1; i >= 0; i--)
            if (result[i].Quantity == 0m) result.RemoveAt(i);
        return result;
    }
}

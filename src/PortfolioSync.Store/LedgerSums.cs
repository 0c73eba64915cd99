using System.Globalization;
using LiteDB;
using NodaTime;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Store.Bson;
using N = PortfolioSync.Store.Bson.Names;

namespace PortfolioSync.Store;

/// <summary>
/// Changes one page makes to the maintained ledger figures: per account and asset the net quantity (legs minus
/// fee, the balance the exchange should show), and the ledger's span (first and last instant, assets seen). They are
/// written in the page's transaction, so a reconciliation or price sync needs no scan of a million entries.
/// </summary>
internal sealed class LedgerSums
{
    private readonly Dictionary<(string Account, Asset Asset), decimal> _delta = [];
    private readonly SortedSet<string> _assets = new(StringComparer.Ordinal);
    private Instant? _first, _last;

    public void Add(LedgerEntry e) => Apply(e, +1);

    public void Remove(LedgerEntry e) => Apply(e, -1);

    private void Apply(LedgerEntry e, int sign)
    {
        foreach (var leg in e.Legs) Bump(e.Account, leg.Asset, sign * leg.Quantity);
        if (e.Fee is { } fee) Bump(e.Account, fee.Asset, -sign * fee.Amount);
        if (sign > 0)
        {
            if (_first is not { } f || e.At < f) _first = e.At;
            if (_last is not { } l || e.At > l) _last = e.At;
        }
    }

    private void Bump(string account, Asset asset, decimal amount)
    {
        _delta[(account, asset)] = _delta.GetValueOrDefault((account, asset)) + amount;
        _assets.Add(asset.Code);
    }

    public static string Key(string account, Asset asset) => account + "/" + asset.Code;

    public void WriteTo(ILiteCollection<BsonDocument> sums, ILiteCollection<BsonDocument> meta)
    {
        foreach (var ((account, asset), delta) in _delta)
        {
            var key = Key(account, asset);
            var doc = sums.FindById(key);
            var total = (doc is null ? 0m : doc[N.Sum].AsDecimal) + delta;
            sums.Upsert(new BsonDocument { [N.Id] = key, [N.Account] = account, [N.Asset] = asset.Code, [N.Sum] = total });
        }
        if (_first is null && _assets.Count == 0) return;
        var span = meta.FindById(N.LedgerSpanKey);
        var first = span is null ? null : Ticks.ToNullableInstant(span[N.First]);
        var last = span is null ? null : Ticks.ToNullableInstant(span[N.Last]);
        var assets = span is null ? new SortedSet<string>(StringComparer.Ordinal)
            : new SortedSet<string>(span[N.Assets].AsArray.Select(a => a.AsString), StringComparer.Ordinal);
        var changed = span is null;
        if (_first is { } f && (first is not { } f0 || f < f0)) { first = f; changed = true; }
        if (_last is { } l && (last is not { } l0 || l > l0)) { last = l; changed = true; }
        foreach (var a in _assets) changed |= assets.Add(a);
        if (!changed) return;
        meta.Upsert(new BsonDocument
        {
            [N.Id] = N.LedgerSpanKey,
            [N.First] = Ticks.Of(first),
            [N.Last] = Ticks.Of(last),
            [N.Assets] = new BsonArray(assets.Select(a => new BsonValue(a))),
        });
    }

    /// <summary>The accumulated figures by key <c>{account}/{asset}</c>.</summary>
    public Dictionary<string, decimal> Totals() =>
        _delta.ToDictionary(kv => Key(kv.Key.Account, kv.Key.Asset), kv => kv.Value, StringComparer.Ordinal);

    /// <summary>Recomputes every figure from the ledger (migration and verify).</summary>
    public static (Dictionary<string, decimal> Sums, Instant? First, Instant? Last, SortedSet<string> Assets) Compute(IEnumerable<LedgerEntry> ledger)
    {
        var s = new LedgerSums();
        foreach (var e in ledger) s.Add(e);
        return (s.Totals(), s._first, s._last, s._assets);
    }

    public static string Describe(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}

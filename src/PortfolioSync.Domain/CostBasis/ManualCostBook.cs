using NodaTime;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Warnings;

namespace PortfolioSync.Domain.CostBasis;

/// <summary>
/// Finds the user's cost for a deposit: by account and exchange id first; else by asset and zone date (a cost for one
/// account before a cost for any account), shared among that day's deposits of the asset in proportion to quantity.
/// </summary>
internal sealed class ManualCostBook
{
    private readonly Dictionary<(string Account, long ExternalId), ManualCost> _byEntry = [];
    private readonly Dictionary<(Asset Asset, LocalDate Date, string? Account), ManualCost> _byDay = [];
    private readonly Dictionary<(Asset Asset, LocalDate Date, string? Account), decimal> _dayTotals = [];
    private readonly HashSet<ManualCost> _used = new(ReferenceEqualityComparer.Instance);
    private readonly IReadOnlyList<ManualCost> _all;

    public ManualCostBook(CostBasisOptions options, IReadOnlyList<LedgerEntry> sorted, IReadOnlyDictionary<string, LedgerEntry> pairs)
    {
        _all = options.ManualCosts;
        foreach (var m in options.ManualCosts)
        {
            if (m.ExternalId is { } id) _byEntry[(m.Account!, id)] = m;
            else _byDay[(m.Asset!.Value, m.Date!.Value, m.Account)] = m;
        }
        if (_byDay.Count == 0) return;
        foreach (var e in sorted)
        {
            if (!(e.Kind == EntryKind.Deposit || (e.Kind == EntryKind.InternalTransfer && !pairs.ContainsKey(e.Id)))) continue;
            if (_byEntry.ContainsKey((e.Account, e.ExternalId))) continue;
            var date = e.At.InZone(options.Zone).Date;
            foreach (var leg in e.Legs)
            {
                if (leg.Quantity <= 0m || options.IsFiat(leg.Asset)) continue;
                Add((leg.Asset, date, e.Account), leg.Quantity);
                Add((leg.Asset, date, null), leg.Quantity);
            }
        }
    }

    /// <summary>The cost of <paramref name="quantity"/> of <paramref name="asset"/> deposited by <paramref name="e"/>, or null.</summary>
    public (decimal Cost, Instant? AcquiredAt)? CostOf(LedgerEntry e, Asset asset, decimal quantity, LocalDate date)
    {
        if (_byEntry.TryGetValue((e.Account, e.ExternalId), out var exact))
        {
            _used.Add(exact);
            return (exact.Cost, exact.AcquiredAt);
        }
        foreach (var account in new[] { e.Account, null })
        {
            var key = (asset, date, account);
            if (!_byDay.TryGetValue(key, out var m)) continue;
            _used.Add(m);
            var total = _dayTotals[key];
            return (quantity == total ? m.Cost : m.Cost * quantity / total, m.AcquiredAt);
        }
        return null;
    }

    public IEnumerable<Warning> Unused() =>
        _all.Where(m => !_used.Contains(m)).Select(m => new Warning(WarningCode.ManualCostUnused, Severity.Warning, m.Account, null,
            $"manual cost for {m} ({DecimalText.Format(m.Cost)}) matched no deposit: check the account, id, asset and date"));

    private void Add((Asset, LocalDate, string?) key, decimal quantity) =>
        _dayTotals[key] = _dayTotals.GetValueOrDefault(key) + quantity;
}

using PortfolioSync.Domain.Ledger;

namespace PortfolioSync.Domain.CostBasis;

/// <summary>
/// Staking that credits another asset than it took (bitstamp-api.md §9: ETH staked with type 26, credited back as
/// <c>ETH2</c> with type 25, rewards paid as <c>ETH2R</c>, an <c>eth2eth</c> market between them). A pre-step of the
/// engine, on the ledger only:
/// <list type="bullet">
/// <item>A conversion is found where an account's <see cref="EntryKind.StakingUnlock"/> credits an asset X that the
/// account never locked, after it locked Y: X is Y in another wrapper. Y is the locked asset whose code X's code
/// extends (ETH2 → ETH), else the most recent lock before it. A reward asset
/// named X + <c>R</c> (<c>ETH2R</c>) is the same.</item>
/// <item>Default (<see cref="CostBasisOptions.StakingConversionsAreDisposals"/> false): X and its reward asset are
/// read as Y everywhere in the ledger, so lots keep their dates and costs across the conversion (no disposal), a sale
/// of X disposes of Y's lots, and rewards are income valued at Y's price.</item>
/// <item>Option on: the crediting entry becomes an exchange of Y for X at market value (a disposal of Y and an
/// acquisition of X); nothing else changes.</item>
/// </list>
/// </summary>
internal static class StakingConversions
{
    /// <summary>Converted asset → the asset it stands for, found in <paramref name="ledger"/> (any order).</summary>
    public static IReadOnlyDictionary<Asset, Asset> Find(IReadOnlyList<LedgerEntry> ledger)
    {
        var aliases = new Dictionary<Asset, Asset>();
        var lastLocked = new Dictionary<string, Asset>(StringComparer.Ordinal);
        var everLocked = new Dictionary<string, HashSet<Asset>>(StringComparer.Ordinal);
        foreach (var e in LedgerOrder.Sort(ledger))
        {
            if (e.Kind == EntryKind.StakingLock)
            {
                foreach (var leg in e.Legs.Where(l => l.Quantity < 0m))
                {
                    lastLocked[e.Account] = leg.Asset;
                    (everLocked.TryGetValue(e.Account, out var set) ? set : everLocked[e.Account] = []).Add(leg.Asset);
                }
            }
            else if (e.Kind == EntryKind.StakingUnlock && lastLocked.TryGetValue(e.Account, out var locked))
            {
                foreach (var leg in e.Legs.Where(l => l.Quantity > 0m))
                    if (!everLocked[e.Account].Contains(leg.Asset) && !aliases.ContainsKey(leg.Asset))
                        aliases[leg.Asset] = Original(leg.Asset, everLocked[e.Account]) ?? locked;
            }
        }
        foreach (var (converted, original) in aliases.ToList())
            if (Asset.TryParse(converted.Code + "R", out var reward) && !aliases.ContainsKey(reward)) aliases[reward] = original;
        return aliases;
    }

    /// <summary>
    /// The locked asset whose code the converted asset's code extends (ETH2 of ETH; the longest such code), or null.
    /// The most recent lock alone is not enough: an account that staked ETH and then SOL is credited ETH2 for its ETH.
    /// </summary>
    private static Asset? Original(Asset converted, HashSet<Asset> locked)
    {
        Asset? best = null;
        foreach (var a in locked)
            if (converted.Code.Length > a.Code.Length && converted.Code.StartsWith(a.Code, StringComparison.Ordinal)
                && (best is null || a.Code.Length > best.Value.Code.Length))
                best = a;
        return best;
    }

    /// <summary>The ledger with staking conversions applied as <paramref name="options"/> say (unchanged when there are none).</summary>
    public static IReadOnlyList<LedgerEntry> Apply(IReadOnlyList<LedgerEntry> ledger, CostBasisOptions options) =>
        Apply(ledger, options.StakingConversionsAreDisposals);

    /// <summary>The ledger with staking conversions applied (unchanged when there are none); the value series reads
    /// the ledger through this too, so its holdings are the engine's.</summary>
    public static IReadOnlyList<LedgerEntry> Apply(IReadOnlyList<LedgerEntry> ledger, bool conversionsAreDisposals)
    {
        var aliases = Find(ledger);
        if (aliases.Count == 0) return ledger;
        var result = new List<LedgerEntry>(ledger.Count);
        foreach (var e in ledger)
        {
            if (conversionsAreDisposals)
            {
                var credited = e.Kind == EntryKind.StakingUnlock ? e.Legs.Where(l => l.Quantity > 0m && aliases.ContainsKey(l.Asset)).ToList() : [];
                result.Add(credited.Count == 0 ? e : With(e, EntryKind.Trade,
                    [new Leg(aliases[credited[0].Asset], -credited[0].Quantity), credited[0]], e.Fee));
                continue;
            }
            if (!e.Legs.Any(l => aliases.ContainsKey(l.Asset)) && !(e.Fee is { } f && aliases.ContainsKey(f.Asset)))
            {
                result.Add(e);
                continue;
            }
            result.Add(With(e, e.Kind,
                e.Legs.Select(l => aliases.TryGetValue(l.Asset, out var to) ? new Leg(to, l.Quantity) : l).ToArray(),
                e.Fee is { } fee && aliases.TryGetValue(fee.Asset, out var feeTo) ? new Money(fee.Amount, feeTo) : e.Fee));
        }
        return result;
    }

    private static LedgerEntry With(LedgerEntry e, EntryKind kind, IReadOnlyList<Leg> legs, Money? fee) =>
        new(e.Id, e.Account, e.At, kind, legs, fee, e.ExternalId, e.OrderId, e.SourceKey);
}

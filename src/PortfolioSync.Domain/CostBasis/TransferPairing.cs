using PortfolioSync.Domain.Ledger;

namespace PortfolioSync.Domain.CostBasis;

/// <summary>
/// Pairs the two sides of internal transfers: a negative leg on one account and a positive leg of the same asset and
/// quantity on another, within the transfer window; each out side takes the closest unpaired in side (ties: the
/// earlier in ledger order). Fiat legs are not paired (fiat is not lots).
/// </summary>
internal static class TransferPairing
{
    /// <summary>For each paired entry id, the entry on the other side.</summary>
    public static Dictionary<string, LedgerEntry> Pair(IReadOnlyList<LedgerEntry> sorted, CostBasisOptions options)
    {
        var sides = new Dictionary<(Asset Asset, decimal Quantity), (List<LedgerEntry> Out, List<LedgerEntry> In)>();
        foreach (var e in sorted)
        {
            if (e.Kind != EntryKind.InternalTransfer || e.Legs.Count != 1) continue;
            var leg = e.Legs[0];
            if (leg.Quantity == 0m || options.IsFiat(leg.Asset)) continue;
            var key = (leg.Asset, Math.Abs(leg.Quantity));
            if (!sides.TryGetValue(key, out var lists)) sides[key] = lists = ([], []);
            (leg.Quantity < 0m ? lists.Out : lists.In).Add(e);
        }

        var paired = new Dictionary<string, LedgerEntry>(StringComparer.Ordinal);
        var window = options.TransferWindow;
        foreach (var (_, (outs, ins)) in sides)
        {
            var used = new bool[ins.Count];
            var start = 0;
            foreach (var o in outs)
            {
                while (start < ins.Count && (used[start] || o.At - ins[start].At > window)) start++;
                var best = -1;
                for (var i = start; i < ins.Count; i++)
                {
                    if (used[i] || ins[i].Account == o.Account) continue;
                    var gap = ins[i].At - o.At;
                    if (gap > window) break;   // ins are in time order
                    if (-gap > window) continue;
                    if (best < 0 || Abs(gap) < Abs(ins[best].At - o.At)) best = i;
                }
                if (best < 0) continue;
                used[best] = true;
                paired[o.Id] = ins[best];
                paired[ins[best].Id] = o;
            }
        }
        return paired;
    }

    private static NodaTime.Duration Abs(NodaTime.Duration d) => d < NodaTime.Duration.Zero ? -d : d;
}

using PortfolioSync.Domain.Pricing;

namespace PortfolioSync.Domain.CostBasis;

/// <summary>
/// HMRC share identification for cryptoassets (CRYPTO22200–22256; TCGA92/S105, S106A): per pool and asset, a day's
/// acquisitions are one acquisition and its disposals one disposal; a disposal is matched first with the same day's
/// acquisition, then with acquisitions in the <see cref="UkRules.BedAndBreakfastDays"/> days after (day+1 … day+30), earliest acquisition first and
/// earlier disposals having first claim. What is left of each acquisition joins the section 104 pool and what is
/// left of each disposal is taken from it, both in the main pass.
/// </summary>
internal static class UkIdentification
{
    public static Dictionary<(string Pool, Asset Asset, int Day), UkDay> Identify(List<PoolEvent> events)
    {
        var days = new Dictionary<(string Pool, Asset Asset, int Day), UkDay>();
        var groups = new Dictionary<(string Pool, Asset Asset), List<UkDay>>();
        foreach (var e in events)
        {
            if (e.Kind is not (PoolEventKind.Acquire or PoolEventKind.Dispose)) continue;
            var dayNumber = PriceSeries.DayNumber(e.Date);
            var key = (e.Pool, e.Asset, dayNumber);
            if (!days.TryGetValue(key, out var day))
            {
                days[key] = day = new UkDay(e.Pool, e.Asset, e.Date, dayNumber);
                if (!groups.TryGetValue((e.Pool, e.Asset), out var list)) groups[(e.Pool, e.Asset)] = list = [];
                list.Add(day);   // events are in time order, so days arrive in date order
            }
            if (e.Kind == PoolEventKind.Acquire)
            {
                day.Acquisitions.Add(e);
                day.AcquiredQuantity += e.Quantity;
                day.AcquiredCost += e.Cost;
                day.AcquiredFlags |= e.CostFlags;
            }
            else
            {
                day.Disposals.Add(e);
                day.DisposedQuantity += e.Quantity;
            }
        }

        foreach (var list in groups.Values)
        {
            foreach (var day in list)
            {
                day.UnmatchedQuantity = day.AcquiredQuantity;
                day.UnmatchedCost = day.AcquiredCost;
                day.DisposedLeft = day.DisposedQuantity;
                Match(day, day, MatchRule.SameDay);
            }
            for (var i = 0; i < list.Count; i++)
            {
                var disposal = list[i];
                for (var j = i + 1; j < list.Count && disposal.DisposedLeft > 0m && list[j].Day <= disposal.Day + UkRules.BedAndBreakfastDays; j++)
                    Match(disposal, list[j], MatchRule.BedAndBreakfast);
            }
            foreach (var day in list) Allocate(day);
        }
        return days;
    }

    private static void Match(UkDay disposal, UkDay acquisition, MatchRule rule)
    {
        var quantity = Math.Min(disposal.DisposedLeft, acquisition.UnmatchedQuantity);
        if (quantity <= 0m) return;
        var cost = quantity == acquisition.UnmatchedQuantity
            ? acquisition.UnmatchedCost
            : acquisition.UnmatchedCost * quantity / acquisition.UnmatchedQuantity;
        disposal.Identified.Add(new LotPiece(acquisition.LotId, acquisition.FirstAcquiredAt, acquisition.Acquisitions[0].Seq, quantity, cost, rule,
            acquisition.AcquiredFlags));
        disposal.DisposedLeft -= quantity;
        acquisition.UnmatchedQuantity -= quantity;
        acquisition.UnmatchedCost -= cost;
    }

    /// <summary>
    /// Hands the day's unmatched remainders to single events, so the pool sees one addition and one draw per day and no
    /// cost is split by division: what is left of the day's acquisition joins the pool with the day's first
    /// acquisition (available as early as possible), what is left of the day's disposal is drawn with its last.
    /// </summary>
    private static void Allocate(UkDay day)
    {
        foreach (var e in day.Acquisitions) (e.PoolQuantity, e.PoolCost) = (0m, 0m);
        foreach (var e in day.Disposals) e.PoolQuantity = 0m;
        if (day.Acquisitions.Count > 0) (day.Acquisitions[0].PoolQuantity, day.Acquisitions[0].PoolCost) = (day.UnmatchedQuantity, day.UnmatchedCost);
        if (day.Disposals.Count > 0) day.Disposals[^1].PoolQuantity = day.DisposedLeft;
    }
}

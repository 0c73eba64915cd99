using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.FakeBitstamp.Faults;
using PortfolioSync.FakeBitstamp.Protocol;

namespace PortfolioSync.FakeBitstamp.Endpoints;

/// <summary>
/// <c>user_transactions/</c> and <c>user_transactions/{market}/</c>: a page of records, each sent as its stored JSON
/// text. The range is found by binary search on id and datetime, so a page costs O(log n + page size).
/// </summary>
internal static class UserTransactionsEndpoint
{
    public static ApiResponse Handle(AccountData account, string? market, FormBody form, DateTimeOffset now, FaultInjector faults)
    {
        if (PageQuery.Parse(form, now, out var error) is not { } q) return ApiResponse.Error(error!);
        var view = account.Transactions.View(market);
        var lo = 0;
        var hi = view.Count;
        var idsFollowTime = account.Transactions.IdsFollowTime;
        if (q.SinceId is { } sinceId && idsFollowTime) lo = Math.Max(lo, view.FirstWithIdAtLeast(sinceId));
        if (q.SinceTimestamp is { } since) lo = Math.Max(lo, view.FirstAtOrAfter(DateTime.UnixEpoch.AddSeconds(since)));
        if (q.UntilTimestamp is { } until) hi = Math.Min(hi, view.FirstAtOrAfter(DateTime.UnixEpoch.AddSeconds(until + 1)));

        // Records are in datetime-then-id order; since_id filters by id. When ids do not follow time, the filter is not
        // a range of positions: select the positions one by one (test data sizes).
        List<int>? positions = null;
        if (q.SinceId is { } minId && !idsFollowTime)
        {
            positions = [];
            for (var p = lo; p < hi; p++)
                if (view[p].Id >= minId) positions.Add(p);
            if (!q.Ascending) positions.Reverse();
        }

        var available = Math.Max(0, (positions?.Count ?? hi - lo) - q.Offset);
        var count = Math.Min(q.Limit, available);
        if (count > 1 && faults.NextPageIsShort()) count /= 2;   // a short page although more follow (realism switch)
        var items = new ReadOnlyMemory<byte>[count];
        for (var i = 0; i < count; i++)
        {
            var position = positions is not null ? positions[q.Offset + i]
                : q.Ascending ? lo + q.Offset + i : hi - 1 - q.Offset - i;
            items[i] = faults.Serve(view[position]);
        }

        return ApiResponse.Ok(JsonBody.Array(items));
    }
}

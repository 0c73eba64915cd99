namespace PortfolioSync.FakeBitstamp.Data;

/// <summary>
/// A read-only slice of a <see cref="TransactionHistory"/> in id order: all records, or those listed by an index.
/// Positions are searched by binary search, so a page costs O(log n + page size).
/// </summary>
internal readonly struct RecordView(UserTransaction[] records, int[]? index)
{
    public int Count => index?.Length ?? records.Length;

    public UserTransaction this[int position] => index is null ? records[position] : records[index[position]];

    /// <summary>The first position whose id is at least <paramref name="id"/>.</summary>
    public int FirstWithIdAtLeast(long id) => LowerBound(r => r.Id < id);

    /// <summary>The first position whose datetime is at least <paramref name="utc"/> (datetimes never decrease).</summary>
    public int FirstAtOrAfter(DateTime utc) => LowerBound(r => r.DateTime < utc);

    private int LowerBound(Func<UserTransaction, bool> before)
    {
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (before(this[mid])) lo = mid + 1;
            else hi = mid;
        }

        return lo;
    }
}

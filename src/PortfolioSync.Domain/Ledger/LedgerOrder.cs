namespace PortfolioSync.Domain.Ledger;

/// <summary>
/// The total order every engine uses: by <see cref="LedgerEntry.At"/>, then <see cref="LedgerEntry.ExternalId"/>,
/// then <see cref="LedgerEntry.Id"/> (ordinal). Results are deterministic whatever order the input came in.
/// </summary>
public sealed class LedgerOrder : IComparer<LedgerEntry>
{
    public static LedgerOrder Instance { get; } = new();

    private LedgerOrder() { }

    public int Compare(LedgerEntry? x, LedgerEntry? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var c = x.At.CompareTo(y.At);
        if (c != 0) return c;
        c = x.ExternalId.CompareTo(y.ExternalId);
        return c != 0 ? c : string.CompareOrdinal(x.Id, y.Id);
    }

    /// <summary>A sorted copy (stable for equal keys, which cannot happen for distinct ids).</summary>
    public static IReadOnlyList<LedgerEntry> Sort(IEnumerable<LedgerEntry> entries)
    {
        var list = entries.ToList();
        list.Sort(Instance);
        return list;
    }
}

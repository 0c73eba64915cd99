using PortfolioSync.Domain;
using PortfolioSync.Domain.Ledger;

namespace PortfolioSync.Bitstamp.Csv;

/// <summary>
/// Decides which mapped CSV rows are events the store already has (pure, deterministic).
/// </summary>
/// <remarks>
/// In this order: a row whose raw key was imported before is <see cref="CsvRowStatus.AlreadyImported"/>; a row with an
/// <c>ID</c> whose entry id is in the ledger is <see cref="CsvRowStatus.PresentById"/>; the rest are compared by
/// account, kind, legs (asset and signed amount), fee and the minute of their time with the entries not yet claimed.
/// Rows and entries that agree form a group: no entry → new; as many entries as rows → present (they are the same
/// events, interchangeable in every compared field); any other count → every row of the group is ambiguous.
/// </remarks>
public static class CsvOverlapMatcher
{
    /// <param name="rows">Mapped rows of one file and account, with whether each carries a real <c>ID</c>.</param>
    /// <param name="existing">The account's ledger entries already in the store.</param>
    public static IReadOnlyList<CsvRowMatch> Match(IReadOnlyList<(LedgerEntry Entry, bool HasId)> rows, IReadOnlyList<LedgerEntry> existing)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(existing);
        var byId = new Dictionary<string, LedgerEntry>(StringComparer.Ordinal);
        foreach (var e in existing) byId[e.Id] = e;
        var result = new CsvRowMatch?[rows.Count];
        var claimed = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < rows.Count; i++)
        {
            var (row, hasId) = rows[i];
            if (!byId.TryGetValue(row.Id, out var same)) continue;
            if (string.Equals(same.SourceKey, row.SourceKey, StringComparison.Ordinal))
                result[i] = new CsvRowMatch(row, CsvRowStatus.AlreadyImported, [same]);
            else if (hasId)
                result[i] = new CsvRowMatch(row, CsvRowStatus.PresentById, [same]);
            else continue;
            claimed.Add(same.Id);
        }

        var pool = new Dictionary<string, List<LedgerEntry>>(StringComparer.Ordinal);
        foreach (var e in existing)
            if (!claimed.Contains(e.Id)) Add(pool, KeyOf(e), e);
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
            if (result[i] is null) Add(groups, KeyOf(rows[i].Entry), i);

        foreach (var (key, members) in groups)
        {
            var candidates = pool.GetValueOrDefault(key) ?? [];
            var status = candidates.Count == 0 ? CsvRowStatus.New
                : candidates.Count == members.Count ? CsvRowStatus.PresentByMatch
                : CsvRowStatus.Ambiguous;
            for (var k = 0; k < members.Count; k++)
            {
                var i = members[k];
                IReadOnlyList<LedgerEntry> matched = status switch
                {
                    CsvRowStatus.PresentByMatch => [candidates[k]],
                    CsvRowStatus.Ambiguous => candidates,
                    _ => [],
                };
                result[i] = new CsvRowMatch(rows[i].Entry, status, matched);
            }
        }
        return result.Select(r => r!).ToList();
    }

    /// <summary>What two entries must agree in to be the same event: account, kind, minute, legs, fee.</summary>
    public static string KeyOf(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var minute = entry.At.ToUnixTimeSeconds() / 60;
        var legs = entry.Legs.OrderBy(l => l.Asset).ThenBy(l => l.Quantity).Select(l => l.ToString());
        var fee = entry.Fee is { } f ? f.ToString() : "-";
        return string.Join('|', [entry.Account, entry.Kind.ToString(), minute.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Join(';', legs), fee]);
    }

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }
}

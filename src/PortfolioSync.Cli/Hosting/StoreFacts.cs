using PortfolioSync.Domain.Warnings;
using PortfolioSync.Store;
using PortfolioSync.Sync;

namespace PortfolioSync.Cli.Hosting;

/// <summary>What <c>status</c> shows of a store: counts, cursors, latest balances, recent runs, warnings.</summary>
public sealed record StoreFacts(
    IReadOnlyList<StreamCount> Counts,
    IReadOnlyList<StreamCursor> Cursors,
    IReadOnlyList<BalanceSnapshot> Balances,
    IReadOnlyList<RunRecord> Runs,
    IReadOnlyList<Warning> Warnings)
{
    /// <summary>Null when there is no store yet (status never creates one).</summary>
    public static StoreFacts? Read(string path, CliEnvironment env)
    {
        if (!File.Exists(path)) return null;
        using var store = StoreAccess.OpenForReading(path, env);
        using var session = store.ReadSession();
        var counts = store.CountRecords();
        var balances = counts.Select(c => c.Account).Distinct(StringComparer.Ordinal)
            .Select(store.GetLatestBalances).OfType<BalanceSnapshot>().ToList();
        return new StoreFacts(counts, store.ListCursors(), balances, store.ListRuns(5), StoreWarnings.Collect(store));
    }
}

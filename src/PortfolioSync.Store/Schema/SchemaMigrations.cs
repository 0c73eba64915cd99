using LiteDB;
using N = PortfolioSync.Store.Bson.Names;

namespace PortfolioSync.Store.Schema;

/// <summary>The store's schema history, applied in order on open (docs/store.md).</summary>
internal static class SchemaMigrations
{
    /// <summary>
    /// Version 1: the collections of DESIGN.md §6 plus <c>raw_versions</c> and <c>raw_flags</c>; secondary indexes
    /// <c>ledger.account</c> and <c>ledger.at</c>. (A new file, or a LiteDB file without <c>meta</c>, is version 0.)
    /// </summary>
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "ledger indexes on account and at", db =>
        {
            var ledger = db.GetCollection(N.Ledger);
            ledger.EnsureIndex(N.Account, "$." + N.Account);
            ledger.EnsureIndex(N.At, "$." + N.At);
        }),
    ];

    /// <summary>The secondary indexes version <see cref="Current"/> expects, as collection → index names.</summary>
    public static IReadOnlyDictionary<string, string[]> ExpectedIndexes { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [N.Ledger] = [N.Account, N.At],
    };

    public static int Current => All[^1].Version;
}

using LiteDB;
using N = PortfolioSync.Store.Bson.Names;

namespace PortfolioSync.Store.Schema;

/// <summary>The store's schema history, applied in order on open (docs/store.md).</summary>
internal static class SchemaMigrations
{
    /// <summary>
    /// Version 1: the collections of DESIGN.md §6 plus <c>raw_versions</c> and <c>raw_flags</c>; secondary indexes
    /// <c>ledger.account</c> and <c>ledger.at</c>. (A new file, or a LiteDB file without <c>meta</c>, is version 0.)
    /// Version 2: <c>ledger_sums</c> (net quantity per account and asset) and the ledger span in <c>meta</c>, kept up
    /// to date by every page commit.
    /// Version 3: no <c>ledger.account</c> index. It cost 15-20 % of every page commit (measured with the store-load
    /// scenario) and no frequent query needs it: per-account reads scan (a few seconds on a million entries), and
    /// per-account counts come from the stream counts.
    /// </summary>
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "ledger indexes on account and at", db =>
        {
            var ledger = db.GetCollection(N.Ledger);
            ledger.EnsureIndex(N.Account, "$." + N.Account);
            ledger.EnsureIndex(N.At, "$." + N.At);
        }),
        new(2, "maintained ledger sums per account and asset, and the ledger span", db =>
        {
            // Recomputed from scratch, so running it twice is harmless.
            var sums = db.GetCollection(N.LedgerSums);
            sums.DeleteAll();
            var meta = db.GetCollection(N.Meta);
            meta.Delete(N.LedgerSpanKey);
            var ledger = db.GetCollection(N.Ledger).FindAll().Select(Bson.LedgerBson.FromDocument).ToList();
            if (ledger.Count == 0) return;
            var computed = LedgerSums.Compute(ledger);
            foreach (var (key, sum) in computed.Sums)
            {
                var slash = key.LastIndexOf('/');
                sums.Insert(new BsonDocument { [N.Id] = key, [N.Account] = key[..slash], [N.Asset] = key[(slash + 1)..], [N.Sum] = sum });
            }
            meta.Upsert(new BsonDocument
            {
                [N.Id] = N.LedgerSpanKey,
                [N.First] = Bson.Ticks.Of(computed.First),
                [N.Last] = Bson.Ticks.Of(computed.Last),
                [N.Assets] = new BsonArray(computed.Assets.Select(a => new BsonValue(a))),
            });
        }),
        new(3, "drop the ledger.account index (15-20 % of every page commit; no hot query needs it)", db =>
            db.GetCollection(N.Ledger).DropIndex(N.Account)),
    ];

    /// <summary>The secondary indexes version <see cref="Current"/> expects, as collection → index names.</summary>
    public static IReadOnlyDictionary<string, string[]> ExpectedIndexes { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [N.Ledger] = [N.At],
    };

    public static int Current => All[^1].Version;
}

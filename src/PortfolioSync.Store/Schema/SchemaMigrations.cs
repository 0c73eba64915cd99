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
    /// Version 4: a ledger document is <c>{ _id, at, e }</c> with the rest of the entry in one binary body
    /// (<see cref="Bson.LedgerBlob"/>): reading a million entries no longer costs LiteDB nine fields and three arrays
    /// each. Existing documents are rewritten in batches of <see cref="CompactBatch"/>, each batch in its own
    /// transaction; a run stopped part-way leaves both shapes, which are both read, and the next open finishes it.
    /// Version 6: a checksum in field <c>c</c> of every ledger, raw and raw_versions document (<see cref="Bson.Checksums"/>),
    /// checked whenever one is read. (Numbered 6 as agreed: 5 is the candle base/quote migration of another branch;
    /// on a branch without 5 the step from 4 goes straight to 6, which is harmless: each migration stands alone.)
    /// Version 5: each candle's base and quote assets (<see cref="CandleMarketBackfill"/>). It shipped after 6, so it is
    /// keyed on data, not only on the version number: an older store runs 5 then 6; a store already at 6 runs 5 on its
    /// next writable open because the <c>migration/5</c> marker in <c>meta</c> is missing (the version stays 6); the
    /// step itself touches only candles without a base and quote, so running it again changes nothing.
    /// Version 7: the ledger version in <c>meta</c>, raised by every page commit that writes the ledger, and the
    /// <c>ledger_cache</c> collection: the whole ledger as checksummed chunks, written at the end of a run and used by a
    /// whole-ledger read only while its version is the ledger's (an older PortfolioSync, which would not raise the
    /// version, cannot open a store at 7).
    /// Version 8: every trade's quote asset (<see cref="TradeQuoteBackfill"/>), in ledger body format 2
    /// (<see cref="Bson.LedgerBlob"/>); the ledger cache written before is removed and the ledger version raised.
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
        new(4, "ledger documents as id, instant and one binary body (a whole-ledger read is about twice as fast)", CompactLedger),
        // Keyed on data: 6 shipped before 5, so a store made at 6 gets 5 on its next writable open (see Migration).
        new(5, "each candle's base and quote assets (backfilled from the symbol; the next sync sets them from the markets list)",
            CandleMarketBackfill.Apply, KeyedOnData: true),
        new(6, "a checksum on every ledger and raw document, checked on every read", AddChecksums),
        new(7, "the ledger version and the ledger cache (a whole-ledger read takes a few documents, not one per entry)", db =>
        {
            // No cache yet: the next sync, import or repair run writes it. Version 1, so that no cache can match before.
            db.GetCollection(N.LedgerCache).DeleteAll();
            db.GetCollection(N.Meta).Upsert(new BsonDocument { [N.Id] = N.LedgerVersionKey, [N.Version] = 1L });
        }),
        new(8, "each trade's quote asset, from its fee, its record's pair key, its fiat leg or its second leg", db =>
        {
            TradeQuoteBackfill.Apply(db);
            // A cache written before holds trades without their quote: removed, and the version raised so none matches.
            db.GetCollection(N.LedgerCache).DeleteAll();
            var meta = db.GetCollection(N.Meta);
            var version = meta.FindById(N.LedgerVersionKey) is { } d ? d[N.Version].AsInt64 : 0L;
            meta.Upsert(new BsonDocument { [N.Id] = N.LedgerVersionKey, [N.Version] = version + 1 });
        }),
    ];

    private static void AddChecksums(LiteDatabase db)
    {
        CompactLedger(db);   // a document still in a pre-4 shape gets its body (and so its checksum) here
        Rewrite(db.GetCollection(N.Ledger), d => Bson.LedgerBson.IsCompact(d), Bson.LedgerBson.AddChecksum);
        Rewrite(db.GetCollection(N.Raw), _ => true, d => Bson.RawBson.AddChecksum(d, current: true));
        Rewrite(db.GetCollection(N.RawVersions), _ => true, d => Bson.RawBson.AddChecksum(d, current: false));
    }

    /// <summary>Adds what <paramref name="change"/> adds to every document without a checksum, in batches of
    /// <see cref="CompactBatch"/>, each in its own transaction (a run stopped part-way is finished by the next open).</summary>
    private static void Rewrite(ILiteCollection<BsonDocument> collection, Func<BsonDocument, bool> applies, Action<BsonDocument> change)
    {
        var last = BsonValue.MinValue;
        while (true)
        {
            var docs = collection.Find(Query.GT(N.Id, last), 0, CompactBatch).ToList();
            if (docs.Count == 0) return;
            var rewritten = docs.Where(d => !d.ContainsKey(N.Checksum) && applies(d)).ToList();
            foreach (var d in rewritten) change(d);
            if (rewritten.Count > 0) collection.Update(rewritten);
            if (docs.Count < CompactBatch) return;
            last = docs[^1][N.Id];
        }
    }

    public const int CompactBatch = 5_000;

    private static void CompactLedger(LiteDatabase db)
    {
        var ledger = db.GetCollection(N.Ledger);
        var last = BsonValue.MinValue;
        while (true)
        {
            var docs = ledger.Find(Query.GT(N.Id, last), 0, CompactBatch).ToList();
            if (docs.Count == 0) return;
            var rewritten = docs.Where(d => !Bson.LedgerBson.IsCompact(d))
                .Select(d => Bson.LedgerBson.ToDocument(Bson.LedgerBson.FromDocument(d))).ToList();
            if (rewritten.Count > 0)
            {
                if (!db.BeginTrans()) throw new InvalidOperationException("A store transaction is already open on this thread.");
                try
                {
                    ledger.Update(rewritten);
                    db.Commit();
                }
                catch
                {
                    db.Rollback();
                    throw;
                }
            }
            if (docs.Count < CompactBatch) return;
            last = docs[^1][N.Id];
        }
    }

    /// <summary>The secondary indexes version <see cref="Current"/> expects, as collection → index names.</summary>
    public static IReadOnlyDictionary<string, string[]> ExpectedIndexes { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [N.Ledger] = [N.At],
    };

    public static int Current => All[^1].Version;
}

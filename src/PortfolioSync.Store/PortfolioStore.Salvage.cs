using LiteDB;
using PortfolioSync.Store.Bson;
using N = PortfolioSync.Store.Bson.Names;

namespace PortfolioSync.Store;

/// <summary>What <see cref="PortfolioStore.Salvage"/> could read from a damaged store.</summary>
/// <param name="Raw">Every current raw record that reads back whole (checksum included), in key order.</param>
/// <param name="Details">Keys of the raw records among <paramref name="Raw"/> that are detail records (never mapped).</param>
/// <param name="Prices">Every daily candle that reads back.</param>
/// <param name="Lost">Raw records and prices that could not be read: one line per document (its key) or per unreadable
/// range.</param>
/// <param name="LedgerDamage">Ledger documents that could not be read (rebuilt from their raw records by a repair).</param>
/// <param name="OtherDamage">Documents of the store's other collections (superseded versions, flags, cursors, balances,
/// sync runs, meta, sums, the ledger cache) that could not be read, and secondary indexes that cannot be read through. A repair does not copy these collections (it
/// rebuilds what it needs and the next sync fetches the rest); they are listed so that damage is never silent.</param>
public sealed record SalvageResult(IReadOnlyList<RawRecord> Raw, IReadOnlySet<string> Details, IReadOnlyList<DailyPrice> Prices,
    IReadOnlyList<string> Lost, IReadOnlyList<string> LedgerDamage, IReadOnlyList<string> OtherDamage)
{
    /// <summary>Every unreadable document or range, of every collection, one line each.</summary>
    public IEnumerable<string> AllDamage => Lost.Concat(LedgerDamage).Concat(OtherDamage);
}

public sealed partial class PortfolioStore
{
    /// <summary>
    /// Reads whatever still reads from a (damaged) store file, document by document (for <c>portfoliosync repair</c>):
    /// the keys come from the <c>_id</c> index, each document is read on its own and checked; a document that fails is
    /// listed as lost, the file is opened afresh (a failed read can leave LiteDB's engine unusable) and the rest go on.
    /// When a key index cannot be listed, that collection is scanned in key order up to the first failure. Opens the
    /// file read-only and writes nothing.
    /// </summary>
    /// <exception cref="StoreException">The file cannot be opened at all (damaged).</exception>
    public static SalvageResult Salvage(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var lost = new List<string>();
        var otherDamage = new List<string>();
        using var reader = new SalvageReader(full);
        var checksummed = reader.Try(db => ReadSchemaVersion(db.GetCollection(N.Meta)) >= 6, out var v, out _) && v;
        var raw = new List<RawRecord>();
        var details = new HashSet<string>(StringComparer.Ordinal);
        foreach (var doc in reader.ReadEach(N.Raw, lost, otherDamage))
        {
            if (StoreFaults.TryRead(() => RawBson.ToRecord(doc, current: true, checksummed), out var record, out var e))
            {
                raw.Add(record);
                if (IsDetail(doc)) details.Add(record.Key);
            }
            else lost.Add($"{N.Raw}/{LedgerBson.IdText(doc)}: {e.Message}");
        }
        // The ledger is rebuilt from the raw records; its damaged documents are only listed (for verify).
        var names = new LedgerBson.ReadCache { RequireChecksum = checksummed };
        var ledgerDamage = new List<string>();
        foreach (var doc in reader.ReadEach(N.Ledger, ledgerDamage, otherDamage))
            if (StoreFaults.Damage(() => LedgerBson.FromDocument(doc, names)) is { } e)
                ledgerDamage.Add($"{N.Ledger}/{LedgerBson.IdText(doc)}: {e.Message}");
        var prices = new List<DailyPrice>();
        foreach (var doc in reader.ReadEach(N.Prices, lost, otherDamage))
        {
            if (StoreFaults.TryRead(() => ToPrice(doc), out var price, out var e)) prices.Add(price);
            else lost.Add($"{N.Prices}/{LedgerBson.IdText(doc)}: {e.Message}");
        }
        // The other collections are read document by document too, only to list what no longer reads.
        foreach (var collection in OtherCollections)
            foreach (var _ in reader.ReadEach(collection, otherDamage, otherDamage)) { }
        // And every secondary index (the ledger's on 'at'): a range read through it touches only its own pages, which
        // no document read above goes through, yet every report's date-range read does.
        if (!reader.Try(db => db.GetCollection("$indexes").FindAll().Where(i => i["name"].AsString != N.Id)
                .Select(i => (Collection: i["collection"].AsString, Name: i["name"].AsString, Expression: i["expression"].AsString)).ToList(),
                out var indexes, out var listing))
            otherDamage.Add($"the list of indexes cannot be read ({listing!.GetType().Name}: {listing.Message})");
        foreach (var index in indexes ?? [])
            if (!reader.Try(db => db.GetCollection(index.Collection).Query().OrderBy(index.Expression).Select("{ k: $._id }").ToDocuments().Count(),
                    out _, out var broken))
                otherDamage.Add($"{index.Collection}: its index '{index.Name}' cannot be read ({broken!.GetType().Name}: {broken.Message}); a repair builds a new one");
        return new SalvageResult(raw, details, prices, lost, ledgerDamage, otherDamage);
    }

    /// <summary>The collections a repair does not copy, in the order <see cref="Salvage"/> lists their damage.</summary>
    private static readonly string[] OtherCollections =
        [N.RawVersions, N.RawFlags, N.Cursors, N.Balances, N.Runs, N.Meta, N.LedgerSums, N.LedgerCache, N.PriceCache];

    /// <summary>A read-only LiteDB connection that is opened again after every failed read.</summary>
    private sealed class SalvageReader : IDisposable
    {
        private readonly string _path;
        private LiteDatabase? _db;

        public SalvageReader(string path)
        {
            _path = path;
            if (StoreFaults.Damage(() =>
                {
                    _db = Open();
                    _db.GetCollectionNames().ToList();
                }) is { } e)
            {
                StoreFaults.Damage(() => _db?.Dispose());
                throw new StoreException(path, StoreFailure.Damaged,
                    $"it cannot be opened at all ({e.GetType().Name}: {e.Message}); nothing can be read from it. {StoreException.RecoverySteps(path)}", e);
            }
        }

        /// <summary>
        /// Opens the file read-only in LiteDB's direct mode: one engine for all the document-by-document reads, and no named
        /// mutex. Shared mode takes the file's named mutex on every call, and a read that fails inside LiteDB never gives
        /// it back: the thread that read keeps it, and any other thread of the process that opens the file waits until that
        /// thread exits (verify followed by repair in one process waited minutes). Nothing is written, so nothing needs the
        /// mutex's protection against a writer; a sync never writes into a store that does not read.
        /// </summary>
        private LiteDatabase Open() => new(new ConnectionString
        {
            Filename = _path,
            Connection = ConnectionType.Direct,
            ReadOnly = true,
            Collation = OrdinalCollation,
        }, new BsonMapper());

        public bool Try<T>(Func<LiteDatabase, T> read, out T value, out Exception? error)
        {
            if (StoreFaults.TryRead(() => read(_db ??= Open()), out value, out error)) return true;
            Close();   // reopened for the next read: after one failure LiteDB's shared engine fails every read
            return false;
        }

        private void Close()
        {
            var db = _db;
            _db = null;
            StoreFaults.Damage(() => db?.Dispose());   // closing a damaged file may fail too
        }

        /// <summary>
        /// Every document of <paramref name="collection"/> that reads, in key order; each that does not is added to
        /// <paramref name="lost"/>. When every document reads on its own but the range reads that the store's normal scans
        /// use fail (damage in the upper levels of the key index, which a walk in key order does not touch), that is added to
        /// <paramref name="structure"/>: nothing is lost, and a repair builds a new index.
        /// </summary>
        public IEnumerable<BsonDocument> ReadEach(string collection, List<string> lost, List<string> structure)
        {
            var before = lost.Count;
            // Index keys only: the documents are not read, so damage in a data page does not stop the listing.
            if (!Try(db => db.GetCollection(collection).Query().OrderBy(N.Id).Select("{ k: $._id }").ToDocuments().Select(d => d["k"]).ToList(),
                    out var keys, out var listing))
            {
                lost.Add($"{collection}: its key index cannot be read ({listing!.GetType().Name}: {listing.Message}); reading in key order up to the first damage");
                foreach (var doc in ScanUntilDamage(collection, lost)) yield return doc;
                yield break;
            }
            foreach (var key in keys)
            {
                if (!Try(db => db.GetCollection(collection).FindById(key), out var doc, out var error))
                    lost.Add($"{collection}/{KeyText(key)}: unreadable ({error!.GetType().Name}: {error.Message})");
                else if (doc is null)
                    lost.Add($"{collection}/{KeyText(key)}: listed in the index but not found");
                else
                    yield return doc;
            }
            if (lost.Count == before && !Try(db => SeekAll(db.GetCollection(collection)), out _, out var seek))
                structure.Add($"{collection}: its key index is damaged: every document reads on its own, but a range read fails ({seek!.GetType().Name}: {seek.Message}); a repair builds a new one");
        }

        /// <summary>The keys of a collection read as the store's scans read them: range seeks in batches.</summary>
        private static int SeekAll(ILiteCollection<BsonDocument> collection)
        {
            var count = 0;
            var last = BsonValue.MinValue;
            while (true)
            {
                var keys = collection.Query().Where(Query.GT(N.Id, last)).OrderBy(N.Id).Select("{ k: $._id }").Limit(10_000).ToDocuments().Select(d => d["k"]).ToList();
                count += keys.Count;
                if (keys.Count < 10_000) return count;
                last = keys[^1];
            }
        }

        private IEnumerable<BsonDocument> ScanUntilDamage(string collection, List<string> lost)
        {
            var last = BsonValue.MinValue;
            while (true)
            {
                var from = last;
                if (!Try(db => db.GetCollection(collection).Find(Query.GT(N.Id, from), 0, 500).ToList(), out var docs, out var error))
                {
                    lost.Add($"{collection}: everything after key {(last.IsMinValue ? "(start)" : KeyText(last))} is unreadable ({error!.GetType().Name}: {error.Message})");
                    yield break;
                }
                foreach (var doc in docs) yield return doc;
                if (docs.Count < 500) yield break;
                last = docs[^1][N.Id];
            }
        }

        private static string KeyText(BsonValue key) => key.IsString ? key.AsString : key.ToString();

        public void Dispose() => Close();
    }
}

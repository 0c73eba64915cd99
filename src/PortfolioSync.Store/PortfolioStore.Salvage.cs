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
public sealed record SalvageResult(IReadOnlyList<RawRecord> Raw, IReadOnlySet<string> Details, IReadOnlyList<DailyPrice> Prices,
    IReadOnlyList<string> Lost, IReadOnlyList<string> LedgerDamage);

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
        using var reader = new SalvageReader(full);
        var checksummed = reader.Try(db => ReadSchemaVersion(db.GetCollection(N.Meta)) >= 6, out var v, out _) && v;
        var raw = new List<RawRecord>();
        var details = new HashSet<string>(StringComparer.Ordinal);
        foreach (var doc in reader.ReadEach(N.Raw, lost))
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
        foreach (var doc in reader.ReadEach(N.Ledger, ledgerDamage))
            if (StoreFaults.Damage(() => LedgerBson.FromDocument(doc, names)) is { } e)
                ledgerDamage.Add($"{N.Ledger}/{LedgerBson.IdText(doc)}: {e.Message}");
        var prices = new List<DailyPrice>();
        foreach (var doc in reader.ReadEach(N.Prices, lost))
        {
            if (StoreFaults.TryRead(() => ToPrice(doc), out var price, out var e)) prices.Add(price);
            else lost.Add($"{N.Prices}/{LedgerBson.IdText(doc)}: {e.Message}");
        }
        return new SalvageResult(raw, details, prices, lost, ledgerDamage);
    }

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

        private LiteDatabase Open()
        {
            var db = new LiteDatabase(new ConnectionString
            {
                Filename = _path,
                Connection = ConnectionType.Shared,
                ReadOnly = true,
                Collation = OrdinalCollation,
            }, new BsonMapper());
            // A shared connection opens and closes the file around every call unless a transaction is open: one read
            // transaction keeps it open across the document-by-document reads (nothing is written; disposing ends it).
            try
            {
                db.BeginTrans();
            }
            catch
            {
                db.Dispose();
                throw;
            }
            return db;
        }

        public bool Try<T>(Func<LiteDatabase, T> read, out T value, out Exception? error)
        {
            if (StoreFaults.TryRead(() => read(_db ??= Open()), out value, out error)) return true;
            StoreFaults.Damage(() => _db?.Dispose());   // reopened for the next read: after one failure LiteDB's shared engine fails every read
            _db = null;
            return false;
        }

        public IEnumerable<BsonDocument> ReadEach(string collection, List<string> lost)
        {
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
                    lost.Add($"{collection}/{key.AsString}: unreadable ({error!.GetType().Name}: {error.Message})");
                else if (doc is null)
                    lost.Add($"{collection}/{key.AsString}: listed in the index but not found");
                else
                    yield return doc;
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
                    lost.Add($"{collection}: everything after key {(last.IsMinValue ? "(start)" : last.AsString)} is unreadable ({error!.GetType().Name}: {error.Message})");
                    yield break;
                }
                foreach (var doc in docs) yield return doc;
                if (docs.Count < 500) yield break;
                last = docs[^1][N.Id];
            }
        }

        public void Dispose() => StoreFaults.Damage(() => _db?.Dispose());   // closing a damaged file may fail too
    }
}

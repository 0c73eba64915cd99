using LiteDB;
using PortfolioSync.Store.Bson;
using N = PortfolioSync.Store.Bson.Names;

namespace PortfolioSync.Store;

/// <summary>What <see cref="PortfolioStore.Salvage"/> could read back from a (possibly damaged) store.</summary>
/// <param name="Records">The current raw records that were read and passed their checksum, in key order.</param>
/// <param name="Expected">Per <c>account/stream</c>: how many current raw records the store's stream documents say it
/// holds (absent when that document could not be read).</param>
/// <param name="Damage">Each thing that could not be read, one line each (collection, record, what failed).</param>
/// <param name="Opened">False when the file could not be opened at all (nothing recovered).</param>
public sealed record SalvageResult(
    IReadOnlyList<RawRecord> Records,
    IReadOnlyDictionary<string, long> Expected,
    IReadOnlyList<string> Damage,
    bool Opened);

public sealed partial class PortfolioStore
{
    /// <summary>
    /// Reads every current raw record of the store at <paramref name="path"/> that can still be read, document by
    /// document, without writing anything: a LiteDB exception or a checksum failure loses that document only (or,
    /// when the key index itself cannot be walked, the rest of the collection), and is listed in the result.
    /// Used by <c>repair</c>; never throws for a damaged file.
    /// </summary>
    public static SalvageResult Salvage(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        var damage = new List<string>();
        var records = new List<RawRecord>();
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        LiteDatabase Connect() => new(new ConnectionString
        {
            Filename = full,
            Connection = ConnectionType.Shared,
            ReadOnly = true,
            Collation = OrdinalCollation,
        }, new BsonMapper());
        LiteDatabase db;
        try
        {
            db = Connect();
        }
        catch (Exception e) when (IsDamage(e))
        {
            damage.Add($"file: cannot be opened ({e.GetType().Name}: {e.Message})");
            return new SalvageResult(records, expected, damage, false);
        }
        // After a LiteDB exception the engine may keep a half-open transaction (then every later read fails with
        // "maximum number of transactions reached"): each failure reopens the file, so only that document is lost.
        T? Read<T>(Func<LiteDatabase, T> read, string what)
        {
            try
            {
                return read(db);
            }
            catch (Exception e) when (IsDamage(e))
            {
                damage.Add($"{what}: {e.GetType().Name}: {e.Message}");
                try
                {
                    db.Dispose();
                }
                catch (Exception again) when (IsDamage(again))
                {
                    // the damaged engine may fail to close: it held nothing to write (read-only)
                }
                db = Connect();
                return default;
            }
        }
        // The keys of a collection, read from its _id index alone where LiteDB can (a damaged data page then loses only
        // its own documents); when the index cannot be walked to the end, the keys read before the failure.
        List<BsonValue> Ids(string name)
        {
            var keys = Read(d => d.GetCollection(name).Query().Select(BsonExpression.Create("{ _id: $._id }")).ToEnumerable()
                .Select(x => x[N.Id]).ToList(), $"{name}: key index");
            if (keys is not null) return keys;
            var walked = new List<BsonValue>();
            Read(d =>
            {
                foreach (var x in d.GetCollection(name).FindAll()) walked.Add(x[N.Id]);
                return true;
            }, $"{name}: the collection cannot be read to its end (the documents before the damage are kept)");
            return walked;
        }
        try
        {
            var checksummed = Read<bool?>(d => ReadSchemaVersion(d.GetCollection(N.Meta)) >= 6, "meta: schema version") ?? true;
            foreach (var id in Ids(N.Cursors))
            {
                var counted = Read(d => d.GetCollection(N.Cursors).FindById(id) is { } doc
                    ? (Key: doc[N.Account].AsString + "/" + doc[N.Stream].AsString, Records: doc[N.Records].AsInt64)
                    : default, $"{N.Cursors} '{id.AsString}'");
                if (counted.Key is not null) expected[counted.Key] = counted.Records;
            }
            foreach (var id in Ids(N.Raw))
            {
                var record = Read(d => d.GetCollection(N.Raw).FindById(id) is { } doc
                    ? RawBson.ToRecord(doc, current: true, requireChecksum: checksummed) : null, $"{N.Raw} '{id.AsString}'");
                if (record is not null) records.Add(record);
            }
        }
        finally
        {
            try
            {
                db.Dispose();
            }
            catch (Exception e) when (IsDamage(e))
            {
                // read-only: nothing to flush
            }
        }
        records.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new SalvageResult(records, expected, damage, true);
    }

    /// <summary>The exceptions LiteDB (5.0.x) throws on a damaged or truncated file, a checksum failure included.</summary>
    internal static bool IsDamage(Exception e) => e is LiteException or IOException or InvalidDataException or FormatException or InvalidCastException
        or ArgumentException or IndexOutOfRangeException or InvalidOperationException or NullReferenceException
        or KeyNotFoundException or OverflowException or EndOfStreamException or System.Text.DecoderFallbackException;
}

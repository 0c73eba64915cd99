using System.Globalization;
using LiteDB;
using NodaTime;
using PortfolioSync.Store.Bson;
using PortfolioSync.Store.Schema;
using N = PortfolioSync.Store.Bson.Names;

namespace PortfolioSync.Store;

/// <summary>
/// The local LiteDB store (DESIGN.md §6, docs/store.md). Synchronous, like LiteDB. Opened in LiteDB's <c>shared</c>
/// connection mode, so other processes (<c>status</c>, <c>verify</c>) can read while a sync writes; two syncs are kept
/// apart by <see cref="StoreLock"/>. One instance is not meant for concurrent use from several threads.
/// Rule inside: never run a query while another query's reader is open (shared mode closes the engine under it);
/// materialize first.
/// Holds no secrets: nothing in its API accepts one.
/// </summary>
public sealed partial class PortfolioStore : IDisposable
{
    private readonly LiteDatabase _db;
    private readonly StoreOptions _options;
    private readonly ILiteCollection<BsonDocument> _raw;
    private readonly ILiteCollection<BsonDocument> _rawVersions;
    private readonly ILiteCollection<BsonDocument> _rawFlags;
    private readonly ILiteCollection<BsonDocument> _ledger;
    private readonly ILiteCollection<BsonDocument> _cursors;
    private readonly ILiteCollection<BsonDocument> _balances;
    private readonly ILiteCollection<BsonDocument> _prices;
    private readonly ILiteCollection<BsonDocument> _runs;
    private readonly ILiteCollection<BsonDocument> _meta;
    private readonly ILiteCollection<BsonDocument> _ledgerSums;
    private bool _disposed;

    private PortfolioStore(string path, LiteDatabase db, StoreOptions options)
    {
        Path = path;
        _db = db;
        _options = options;
        _raw = db.GetCollection(N.Raw);
        _rawVersions = db.GetCollection(N.RawVersions);
        _rawFlags = db.GetCollection(N.RawFlags);
        _ledger = db.GetCollection(N.Ledger);
        _cursors = db.GetCollection(N.Cursors);
        _balances = db.GetCollection(N.Balances);
        _prices = db.GetCollection(N.Prices);
        _runs = db.GetCollection(N.Runs);
        _meta = db.GetCollection(N.Meta);
        _ledgerSums = db.GetCollection(N.LedgerSums);
    }

    internal static readonly Collation OrdinalCollation = new(CultureInfo.InvariantCulture.LCID, CompareOptions.Ordinal);

    /// <summary>The full path of the store file.</summary>
    public string Path { get; }

    /// <summary>The schema version this build writes and reads.</summary>
    public static int SchemaVersion => SchemaMigrations.Current;

    /// <summary>The database, for tests that inspect or damage it on purpose.</summary>
    internal LiteDatabase Database => _db;

    /// <summary>
    /// Opens (or creates, with its folders) the store at <paramref name="path"/> and brings its schema up to date.
    /// </summary>
    /// <exception cref="StoreException">The file is unreadable or corrupted, or was written by a newer version.</exception>
    public static PortfolioStore Open(string path, StoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new StoreOptions();
        var full = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);

        LiteDatabase? db = null;
        try
        {
            db = new LiteDatabase(new ConnectionString
            {
                Filename = full,
                Connection = ConnectionType.Shared,
                // Keys compare ordinally (case-sensitive, culture-free, and faster than LiteDB's default culture
                // IgnoreCase). A collation is fixed when the file is created.
                Collation = OrdinalCollation,
            }, new BsonMapper());
            if (!db.UtcDate) db.UtcDate = true;   // a pragma stored in the file: written once, not on every open
            if (db.CheckpointSize != options.CheckpointPages) db.CheckpointSize = options.CheckpointPages;
            options.BeforeMigrations?.Invoke(db);
            Migrate(full, db, options.Migrations ?? SchemaMigrations.All, options.OnMigration);
            var store = new PortfolioStore(full, db, options);
            db = null;
            return store;
        }
        catch (Exception e) when (e is not StoreException and not OutOfMemoryException)
        {
            // LiteDB reports a damaged file with many exception types (even ArgumentOutOfRangeException): name the file.
            throw new StoreException(full,
                $"cannot open the store ({e.GetType().Name}: {e.Message}). The file may be damaged or not a PortfolioSync " +
                "store: restore it from a backup, or move it away and run a full sync to rebuild it.", e);
        }
        finally
        {
            db?.Dispose();
        }
    }

    /// <summary>The schema version stored in <c>meta</c> (0 for a file that has none yet).</summary>
    public int StoredSchemaVersion => ReadSchemaVersion(_meta);

    private static int ReadSchemaVersion(ILiteCollection<BsonDocument> meta) =>
        meta.FindById(N.SchemaKey) is { } doc ? doc[N.SchemaVersion].AsInt32 : 0;

    private static void Migrate(string path, LiteDatabase db, IReadOnlyList<Migration> migrations, Action<int, string>? onMigration)
    {
        var meta = db.GetCollection(N.Meta);
        var stored = ReadSchemaVersion(meta);
        var known = migrations.Count == 0 ? 0 : migrations[^1].Version;
        if (stored > known)
            throw new StoreException(path,
                $"the store has schema version {stored}, but this version of PortfolioSync knows only up to {known}. " +
                "Upgrade PortfolioSync, or point --store at another file.");
        foreach (var migration in migrations.Where(m => m.Version > stored).OrderBy(m => m.Version))
        {
            if (stored > 0) onMigration?.Invoke(migration.Version, migration.Description);
            migration.Apply(db);
            meta.Upsert(new BsonDocument
            {
                [N.Id] = N.SchemaKey,
                [N.SchemaVersion] = migration.Version,
                ["description"] = migration.Description,
            });
        }
    }

    private Instant Now() => Instant.FromDateTimeOffset(_options.Time.GetUtcNow());

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>Runs <paramref name="work"/> in one LiteDB transaction; any exception rolls all of it back.</summary>
    private T InTransaction<T>(Func<T> work)
    {
        ThrowIfDisposed();
        if (!_db.BeginTrans()) throw new InvalidOperationException("A store transaction is already open on this thread.");
        T result;
        try
        {
            result = work();
        }
        catch
        {
            _db.Rollback();
            throw;
        }
        _db.Commit();
        return result;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _db.Dispose();
    }
}

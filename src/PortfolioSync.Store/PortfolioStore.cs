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
    private readonly ILiteCollection<BsonDocument> _ledgerCache;
    private readonly ILiteCollection<BsonDocument> _priceCache;
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
        _ledgerCache = db.GetCollection(N.LedgerCache);
        _priceCache = db.GetCollection(N.PriceCache);
        var schema = ReadSchemaVersion(_meta);
        _checksummed = schema >= 6;
        _cached = schema >= 7;
        _fileStem = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path) ?? "", System.IO.Path.GetFileNameWithoutExtension(path));
        if (!options.ReadOnly) AppDomain.CurrentDomain.FirstChanceException += OnFirstChance;
    }

    private readonly string _fileStem;

    /// <summary>Schema 6 or later: every ledger and raw document carries a checksum, and one without is damaged.</summary>
    private readonly bool _checksummed;

    /// <summary>Schema 7 or later: the ledger version is kept, so a ledger cache can be trusted when it is current.</summary>
    private readonly bool _cached;

    /// <summary>Opened read-only (<see cref="StoreOptions.ReadOnly"/>): nothing is written, not even a pragma.</summary>
    public bool IsReadOnly => _options.ReadOnly;

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
    /// <param name="options">How to open it, with the clock to stamp records with (no default clock).</param>
    public static PortfolioStore Open(string path, StoreOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(options);
        var full = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(full);
        if (options.ReadOnly && !File.Exists(full))
            throw new StoreException(full, "no store here: run `portfoliosync sync` first (or point --store at the store file)");
        LiteDatabase? db = null;
        try
        {
            // LiteDB reports a damaged file with many exception types (even ArgumentOutOfRangeException): those
            // (StoreFaults.TryRead) and access errors name the file; anything else is a bug and stays one.
            if (StoreFaults.TryRead(() =>
                {
                    if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
                    if (!options.ReadOnly && File.Exists(full) && (File.GetAttributes(full) & FileAttributes.ReadOnly) != 0)
                        throw new UnauthorizedAccessException($"Access to the path '{full}' is denied.");
                    db = new LiteDatabase(new ConnectionString
                    {
                        Filename = full,
                        Connection = ConnectionType.Shared,
                        ReadOnly = options.ReadOnly,
                        // Keys compare ordinally (case-sensitive, culture-free, and faster than LiteDB's default culture
                        // IgnoreCase). A collation is fixed when the file is created.
                        Collation = OrdinalCollation,
                    }, new BsonMapper());
                    if (options.ReadOnly)
                    {
                        var meta = db.GetCollection(N.Meta);
                        var stored = ReadSchemaVersion(meta);
                        var all = options.Migrations ?? SchemaMigrations.All;
                        var known = all is { Count: > 0 } list ? list[^1].Version : 0;
                        if (stored > known)
                            throw new StoreException(full,
                                $"the store has schema version {stored}, but this version of PortfolioSync knows only up to {known}. " +
                                "Upgrade PortfolioSync, or point --store at another file.");
                        if (stored < known)
                            throw new StoreException(full, StoreFailure.NeedsUpgrade,
                                $"the store has schema version {stored} and must be upgraded to {known} by a command that can write it");
                        if (Pending(all, stored, meta).FirstOrDefault() is { } missing)
                            throw new StoreException(full, StoreFailure.NeedsUpgrade,
                                $"the store has schema version {stored} without step {missing.Version} ({missing.Description}) and must be upgraded by a command that can write it");
                    }
                    else
                    {
                        if (!db.UtcDate) db.UtcDate = true;   // a pragma stored in the file: written once, not on every open
                        if (db.CheckpointSize != options.CheckpointPages) db.CheckpointSize = options.CheckpointPages;
                        options.BeforeMigrations?.Invoke(db);
                        Migrate(full, db, options.Migrations ?? SchemaMigrations.All, options.OnMigration);
                    }
                    var store = new PortfolioStore(full, db, options);
                    db = null;
                    return store;
                }, out var opened, out var e))
                return opened;
            if (StoreFaults.IsReadOnly(e)) throw StoreFaults.ReadOnly(full, e);
            if (StoreFaults.IsNoSpace(e) || e is IOException) throw StoreFaults.WriteFailed(full, e, null);
            throw new StoreException(full, StoreFailure.Damaged,
                $"it cannot be opened ({e.GetType().Name}: {e.Message}); it is not a PortfolioSync store or it was " +
                $"truncated or overwritten. {StoreException.RecoverySteps(full)}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw StoreFaults.ReadOnly(full, e);
        }
        finally
        {
            db?.Dispose();
        }
    }

    /// <summary>Copies the write-ahead log into the data file (before a backup copies the file).</summary>
    public void Checkpoint()
    {
        ThrowIfDisposed();
        if (!_options.ReadOnly) _db.Checkpoint();
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
        var version = stored;
        foreach (var migration in Pending(migrations, stored, meta).ToList())
        {
            if (stored > 0) onMigration?.Invoke(migration.Version, migration.Description);
            migration.Apply(db);
            if (migration.KeyedOnData) meta.Upsert(new BsonDocument { [N.Id] = N.MigrationMarkerPrefix + migration.Version, ["description"] = migration.Description });
            // Never lowers the version: a data-keyed step below it (5 on a store at 6) leaves it as it is.
            if (migration.Version <= version) continue;
            version = migration.Version;
            meta.Upsert(new BsonDocument
            {
                [N.Id] = N.SchemaKey,
                [N.SchemaVersion] = migration.Version,
                ["description"] = migration.Description,
            });
        }
    }

    /// <summary>The steps a store at <paramref name="stored"/> still needs, in version order: every step above it, and
    /// every data-keyed step whose marker is missing (a store made at 6 by a version without 5 gets 5).</summary>
    private static IEnumerable<Migration> Pending(IReadOnlyList<Migration> migrations, int stored, ILiteCollection<BsonDocument> meta) =>
        migrations.Where(m => m.Version > stored || (m.KeyedOnData && meta.FindById(N.MigrationMarkerPrefix + m.Version) is null))
            .OrderBy(m => m.Version);

    private Instant Now() => Instant.FromDateTimeOffset(_options.Time.GetUtcNow());

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>
    /// Runs <paramref name="work"/> in one LiteDB transaction; any exception rolls all of it back. A failed write
    /// (no space, read-only, I/O error) becomes a <see cref="StoreException"/> naming the file.
    /// </summary>
    private T InTransaction<T>(Func<T> work, long? needBytes = null)
    {
        ThrowIfDisposed();
        if (_writeFault is { } earlier) throw StoreFaults.WriteFailed(Path, earlier, needBytes);
        try
        {
            if (!_db.BeginTrans()) throw new InvalidOperationException("A store transaction is already open on this thread.");
            T result;
            try
            {
                result = work();
            }
            catch
            {
                TryRollback();
                throw;
            }
            _db.Commit();
            return result;
        }
        catch (IOException e)
        {
            _writeFault ??= e;
            throw StoreFaults.IsReadOnly(e) ? StoreFaults.ReadOnly(Path, e) : StoreFaults.WriteFailed(Path, e, needBytes);
        }
        catch (UnauthorizedAccessException e)
        {
            _writeFault ??= e;
            throw StoreFaults.ReadOnly(Path, e);
        }
    }

    private void TryRollback()
    {
        try
        {
            _db.Rollback();
        }
        catch (IOException)
        {
            // the engine closed itself after a failed write: nothing of the transaction reached the file
        }
        catch (LiteException)
        {
        }
    }

    private Exception? _writeFault;

    /// <summary>
    /// The first write error seen on this store's files, also when LiteDB's background writer hit it (LiteDB 5.0.20 then
    /// never signals that its write queue is empty, and a later flush waits forever: see <see cref="IsStuckAfterWriteFault"/>).
    /// </summary>
    public Exception? WriteFault => Volatile.Read(ref _writeFault);

    /// <summary>The write error as the user's message, with the free space; null when there was none.</summary>
    public StoreException? DescribeWriteFault() => WriteFault is { } e
        ? StoreFaults.IsReadOnly(e) ? StoreFaults.ReadOnly(Path, e) : StoreFaults.WriteFailed(Path, e, null)
        : null;

    /// <summary>Set by the caller that gave up waiting on a store call hung after a write fault; Dispose then leaves
    /// LiteDB alone (its flush would wait forever) and the process ends without it: the OS releases the file and lock.</summary>
    public bool IsStuckAfterWriteFault { get; set; }

    private void OnFirstChance(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
    {
        // LiteDB writes the log file on a background task and, when that write throws, only keeps the exception for
        // itself. Seeing it here is how the sync learns that the disk is full instead of waiting forever.
        if (e.Exception is IOException io && (StoreFaults.IsNoSpace(io) || StoreFaults.IsReadOnly(io) || io.HResult == 5)
            && io.Message.Contains(_fileStem, StringComparison.Ordinal))
            Interlocked.CompareExchange(ref _writeFault, io, null);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Keeps the store's shared connection open across the reads that follow, until disposed: one read transaction
    /// (nothing may be written meanwhile). In LiteDB's shared mode every call otherwise opens and closes the file and
    /// its engine (a report's dozen queries paid that a dozen times), and the reads see one state of the file: another
    /// process that writes waits until the session ends (a report's reads take a fraction of a second).
    /// </summary>
    public IDisposable ReadSession()
    {
        ThrowIfDisposed();
        if (!_db.BeginTrans()) throw new InvalidOperationException("A store transaction is already open on this thread.");
        return new Session(_db);
    }

    private sealed class Session(LiteDatabase db) : IDisposable
    {
        private bool _ended;

        public void Dispose()
        {
            if (_ended) return;
            _ended = true;
            // Nothing was written: ends the transaction and releases the file. When a read of a damaged file failed inside
            // the session, the rollback may fail too; that read's error is the one to report.
            StoreFaults.Damage(() => db.Rollback());
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_options.ReadOnly) AppDomain.CurrentDomain.FirstChanceException -= OnFirstChance;
        if (IsStuckAfterWriteFault) return;
        try
        {
            _db.Dispose();
        }
        catch (IOException) when (WriteFault is not null)
        {
            // the last pages could not be flushed: the write error was reported already; the file keeps what was committed
        }
    }
}

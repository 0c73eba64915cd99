using LiteDB;
using PortfolioSync.Store.Schema;

namespace PortfolioSync.Store;

/// <summary>How a <see cref="PortfolioStore"/> is opened. Immutable once passed to <see cref="PortfolioStore.Open"/>.</summary>
public sealed record StoreOptions
{
    /// <summary>
    /// The clock for fetched-at, updated-at and run times. Required, with no default: the CLI passes its own (chosen in
    /// its composition root) and tests pass a fake one, or the real one where a real process shares the store.
    /// </summary>
    public required TimeProvider Time { get; init; }

    /// <summary>
    /// LiteDB checkpoint threshold in 8 KiB pages (WAL pages copied into the data file once the log is this big).
    /// <value>Default 1000 (LiteDB's own default).</value>
    /// </summary>
    public int CheckpointPages { get; init; } = 1000;

    /// <summary>
    /// Called before each schema migration of an existing store runs, with its version and description (not for a new
    /// file): some rewrite every ledger document once, which takes a minute or so for a million entries, and a command
    /// that says nothing meanwhile looks hung.
    /// </summary>
    public Action<int, string>? OnMigration { get; init; }

    /// <summary>
    /// Open without writing anything (readers: status, report, value, verify), so a store on a read-only mount or in a
    /// folder this user cannot write is still read. An older schema is then refused with
    /// <see cref="StoreFailure.NeedsUpgrade"/>: the caller opens it writable once to upgrade it.
    /// </summary>
    public bool ReadOnly { get; init; }

    /// <summary>
    /// Check before each page that its file system has room for it (and a checkpoint), and stop with a clear message
    /// instead of letting the write fail. Default true; tests of the write-failure path itself turn it off.
    /// </summary>
    public bool SpaceCheck { get; init; } = true;

    /// <summary>Test hook: runs inside the page transaction after every write and before the commit.</summary>
    internal Action<PageCommit>? BeforePageCommit { get; init; }

    /// <summary>Test hook: replaces the migration list (to exercise the migration path with a future schema).</summary>
    internal IReadOnlyList<Migration>? Migrations { get; init; }

    /// <summary>
    /// The largest ledger (in current raw records, read from the stream counts) that gets a ledger cache. Rewriting the
    /// cache costs a whole-ledger read and write at the end of every run: on a million entries 13.7 s per nightly sync
    /// to save 2.9 s per report (docs/benchmarks.md), so above this the reads scan the entries' own documents.
    /// </summary>
    public int LedgerCacheMaxEntries { get; init; } = 250_000;

    /// <summary>Bytes per ledger cache document (1 MiB; tests use small chunks to cover a cache of several).</summary>
    internal int LedgerCacheChunkBytes { get; init; } = 1 << 20;

    /// <summary>Test hook: runs against the open database before migrations.</summary>
    internal Action<LiteDatabase>? BeforeMigrations { get; init; }
}

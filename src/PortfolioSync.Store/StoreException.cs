namespace PortfolioSync.Store;

/// <summary>What kind of trouble a <see cref="StoreException"/> reports; the CLI maps it to an exit code.</summary>
public enum StoreFailure
{
    /// <summary>Cannot be used for another reason (written by a newer version, not a store at all).</summary>
    Unusable,
    /// <summary>The file (or a document in it) cannot be read back as written: restore a backup or repair.</summary>
    Damaged,
    /// <summary>The file or its folder is read-only (mount, permissions) and the command needs to write.</summary>
    ReadOnly,
    /// <summary>A write failed (no space left, I/O error); what was committed before is kept.</summary>
    WriteFailed,
    /// <summary>The store has an older schema and was opened read-only: it must be upgraded by a command that writes.</summary>
    NeedsUpgrade,
}

/// <summary>
/// The store file cannot be used: unreadable, damaged, read-only, full, written by a newer version.
/// The message names the file and says what to do; it never carries a secret (the store holds none).
/// </summary>
public sealed class StoreException : Exception
{
    public StoreException(string path, string message, Exception? inner = null)
        : this(path, StoreFailure.Unusable, message, inner)
    {
    }

    public StoreException(string path, StoreFailure failure, string message, Exception? inner = null)
        : base(failure == StoreFailure.Damaged ? $"the store {path} is damaged: {message}" : $"{path}: {message}", inner)
    {
        StorePath = path;
        Failure = failure;
    }

    /// <summary>The store file concerned.</summary>
    public string StorePath { get; }

    public StoreFailure Failure { get; }

    /// <summary>What a user does about a damaged store (docs/store.md "Damage and recovery").</summary>
    public static string RecoverySteps(string path) =>
        $"Recovery: keep the file as it is, then restore the newest backup (ls {path}.backup-*; copy one over {path}), " +
        $"or rebuild from what can still be read: portfoliosync repair --out NEW.db, then portfoliosync sync --full --store NEW.db. " +
        "'portfoliosync verify' lists what is damaged.";
}

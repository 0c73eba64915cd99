using PortfolioSync.Store;

namespace PortfolioSync.Cli.Hosting;

/// <summary>How every command opens the store and takes its lock: one place, so each command opens it the same way.</summary>
public static class StoreAccess
{
    private static StoreException LockFailed(string storePath, Exception e) =>
        StoreFaults.Classify(storePath, e) ?? new StoreException(storePath, StoreFailure.WriteFailed, e.Message, e);

    /// <summary>The sync lock of the store (sync, import, verify hold it).</summary>
    /// <exception cref="CliException">Another process holds it (exit 2).</exception>
    public static StoreLock AcquireLock(string storePath, CliEnvironment env)
    {
        StoreLockResult result;
        try
        {
            result = StoreLock.TryAcquire(storePath, env.Time);
        }
        catch (IOException e)
        {
            throw LockFailed(storePath, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw LockFailed(storePath, e);
        }
        if (!result.Acquired) throw new CliException(result.Message);
        return result.Lock!;
    }

    /// <summary>How every command opens the store: the CLI's clock, and a line on stderr when an older store is upgraded
    /// (a migration may rewrite every ledger document once).</summary>
    public static StoreOptions StoreOptionsFor(CliEnvironment env) => new()
    {
        Time = env.Time,
        OnMigration = (version, description) => env.Error.WriteLine(
            $"upgrading the store to schema {version}: {description}. This runs once; on a large store it can take a minute."),
    };

    /// <summary>Opens the store to write it (created when missing), with the free-space check.</summary>
    public static PortfolioStore OpenStore(string path, CliEnvironment env)
    {
        env.StoreInUse = path;
        return PortfolioStore.Open(path, StoreOptionsFor(env) with { SpaceCheck = env.Variable("PORTFOLIOSYNC_NO_SPACE_CHECK") != "1" });
    }

    /// <summary>
    /// How the commands that only read open the store: read-only (nothing written, so a store on a read-only mount or
    /// in a folder this user cannot write works); an older schema is upgraded once by opening it writable.
    /// </summary>
    public static PortfolioStore OpenForReading(string path, CliEnvironment env)
    {
        env.StoreInUse = path;
        try
        {
            return PortfolioStore.Open(path, StoreOptionsFor(env) with { ReadOnly = true });
        }
        catch (StoreException e) when (e.Failure == StoreFailure.NeedsUpgrade)
        {
            return PortfolioStore.Open(path, StoreOptionsFor(env));
        }
    }
}

namespace PortfolioSync.Store;

/// <summary>The outcome of <see cref="StoreLock.TryAcquire"/>.</summary>
/// <param name="Lock">The held lock (dispose to release); null when another sync holds it.</param>
/// <param name="HeldBy">The other sync, when refused.</param>
/// <param name="TookOverFrom">The owner of a stale lock (its process is gone) that was taken over.</param>
/// <param name="LockPath">The lock file.</param>
public sealed record StoreLockResult(StoreLock? Lock, StoreLock.LockOwner? HeldBy, StoreLock.LockOwner? TookOverFrom, string LockPath)
{
    public bool Acquired => Lock is not null;

    /// <summary>One line for the user: who holds the lock and what to do, or which stale lock was taken over.</summary>
    public string Message => Lock is null
        ? $"another sync ({HeldBy}) is running on this store (lock {LockPath}); wait for it to finish, or stop that process if it hangs"
        : TookOverFrom is { } stale
            ? $"took over a stale lock left by {stale}, which is no longer running ({LockPath})"
            : $"lock acquired ({LockPath})";
}

namespace PortfolioSync.Store;

/// <summary>
/// The store file cannot be used: unreadable, corrupted, written by a newer version, or its lock is held.
/// The message names the file and says what to do; it never carries a secret (the store holds none).
/// </summary>
public sealed class StoreException : Exception
{
    public StoreException(string path, string message, Exception? inner = null)
        : base($"{path}: {message}", inner) => StorePath = path;

    /// <summary>The store file concerned.</summary>
    public string StorePath { get; }
}

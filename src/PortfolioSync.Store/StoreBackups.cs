using System.Globalization;

namespace PortfolioSync.Store;

/// <summary>
/// Rotating copies of the store taken before a sync writes: <c>{store}.backup-1</c> (newest) to <c>.backup-N</c>.
/// The caller holds the sync lock and has the store open: the write-ahead log is checkpointed into the file first, so
/// one file is a whole store. Restore: copy a backup over the store file (with no sync running) and delete
/// <c>{store stem}-log{ext}</c> if present (docs/store.md).
/// </summary>
public static class StoreBackups
{
    /// <summary>The path of backup number <paramref name="n"/> (1 = newest).</summary>
    public static string PathOf(string storePath, int n) =>
        string.Create(CultureInfo.InvariantCulture, $"{Path.GetFullPath(storePath)}.backup-{n}");

    /// <summary>
    /// Shifts the existing backups by one (dropping those beyond <paramref name="keep"/>) and copies the store to
    /// backup 1. Nothing when <paramref name="keep"/> is 0. Returns null when done, else why no backup was taken (no
    /// room: the sync goes on, the caller warns).
    /// </summary>
    public static string? Rotate(PortfolioStore store, int keep)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        if (keep == 0) return null;
        store.Checkpoint();
        var source = store.Path;
        var size = new FileInfo(source).Length;
        if (StoreFaults.FreeBytes(source) is { } free && free < size + (64L << 20))
            return $"no backup taken before this sync: the copy needs {StoreFaults.Mb(size)} and only {StoreFaults.Mb(free)} is free";
        var partial = PathOf(source, 1) + ".partial";
        File.Copy(source, partial, overwrite: true);
        for (var n = keep + 1; n <= keep + 8; n++) File.Delete(PathOf(source, n));   // after lowering the setting
        File.Delete(PathOf(source, keep));
        for (var n = keep - 1; n >= 1; n--)
            if (File.Exists(PathOf(source, n))) File.Move(PathOf(source, n), PathOf(source, n + 1));
        File.Move(partial, PathOf(source, 1));
        return null;
    }
}

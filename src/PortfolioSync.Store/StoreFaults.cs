using System.Diagnostics;
using System.Globalization;
using LiteDB;

namespace PortfolioSync.Store;

/// <summary>
/// Tells a damaged store, a read-only one and a failed write apart from an exception thrown while using it, and words
/// each for the user (file, what failed, what to do).
/// </summary>
public static class StoreFaults
{
    // errno values (Linux; macOS shares them except EDQUOT): .NET puts errno in IOException.HResult on Unix.
    private const int EIO = 5, EACCES = 13, EFBIG = 27, ENOSPC = 28, EROFS = 30, EDQUOT = 122;
    private const int WinDiskFull = unchecked((int)0x80070070), WinHandleDiskFull = unchecked((int)0x80070027);

    /// <summary>True for "no space left" (disk or quota full, file too large).</summary>
    public static bool IsNoSpace(Exception e) => e is IOException { HResult: ENOSPC or EDQUOT or EFBIG or WinDiskFull or WinHandleDiskFull };

    /// <summary>True for a read-only file system or a file/folder this user may not write.</summary>
    public static bool IsReadOnly(Exception e) =>
        e is UnauthorizedAccessException || e is IOException { HResult: EROFS or EACCES };

    /// <summary>
    /// The exception as a <see cref="StoreException"/> about <paramref name="path"/>, or null when it did not come from
    /// the store (its stack holds no frame of LiteDB or of this assembly) and is not a file-system failure.
    /// </summary>
    public static StoreException? Classify(string path, Exception e)
    {
        switch (e)
        {
            case StoreException se:
                return se;
            case AggregateException { InnerExceptions.Count: 1 } ae:
                return Classify(path, ae.InnerExceptions[0]);
            case OperationCanceledException or OutOfMemoryException:
                return null;
        }
        if (IsReadOnly(e)) return ReadOnly(path, e);
        if (IsNoSpace(e) || e is IOException { HResult: EIO }) return WriteFailed(path, e, null);
        if (!FromStore(e)) return null;
        if (e is IOException) return WriteFailed(path, e, null);
        return new StoreException(path, StoreFailure.Damaged,
            $"{Found(e)}. {StoreException.RecoverySteps(path)}", e);
    }

    /// <summary>
    /// Runs a read of store data and returns the exception when it fails with one of the types a damaged file gives
    /// (LiteDB 5.0.x uses many, even ArgumentOutOfRangeException and NullReferenceException; plus I/O errors and a
    /// document that fails its own checks), null when it completes. The one place that catches them, by type; anything
    /// else (a bug) propagates. Callers list, skip or name what failed.
    /// </summary>
    public static Exception? Damage(Action read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return TryRead(() => { read(); return 0; }, out _, out var damage) ? null : damage;
    }

    /// <summary>As <see cref="Damage"/>, with the read's value when it completes.</summary>
    public static bool TryRead<T>(Func<T> read, out T value, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out Exception? damage)
    {
        ArgumentNullException.ThrowIfNull(read);
        value = default!;
        try
        {
            value = read();
            damage = null;
            return true;
        }
        catch (LiteException e) { damage = e; }
        catch (IOException e) { damage = e; }
        catch (InvalidDataException e) { damage = e; }
        catch (FormatException e) { damage = e; }
        catch (InvalidCastException e) { damage = e; }
        catch (ArgumentException e) { damage = e; }           // also ArgumentOutOfRange and DecoderFallback
        catch (IndexOutOfRangeException e) { damage = e; }
        catch (InvalidOperationException e) { damage = e; }   // also ObjectDisposed (an engine closed under a reader)
        catch (NullReferenceException e) { damage = e; }
        catch (KeyNotFoundException e) { damage = e; }
        catch (OverflowException e) { damage = e; }
        catch (NotSupportedException e) { damage = e; }       // a bad BSON type byte
        catch (NotImplementedException e) { damage = e; }     // an index node with a bad key type (LiteDB's BsonDataReader)
        return false;
    }

    internal static StoreException ReadOnly(string path, Exception e) =>
        new(path, StoreFailure.ReadOnly,
            $"the store or its folder is read-only ({e.Message}). Commands that only read (status, report, value, dashboard, verify, export-data) " +
            "work on a read-only store; sync needs to write it: make the folder writable, or point --store at a writable copy.", e);

    /// <summary>A failed write: which file, what failed, how much room the next page needs and how much there is.</summary>
    public static StoreException WriteFailed(string path, Exception e, long? needBytes)
    {
        var free = FreeBytes(path);
        var room = free is { } f
            ? string.Create(CultureInfo.InvariantCulture, $" {Mb(f)} free on its file system")
            : "";
        var need = needBytes is { } n ? string.Create(CultureInfo.InvariantCulture, $"; the next page needs about {Mb(n)}") : "";
        var what = IsNoSpace(e) ? "no space left" : "the write failed";
        return new StoreException(path, StoreFailure.WriteFailed,
            $"cannot write the store: {what} ({e.Message});{room}{need}. The store is kept as it was after the last committed " +
            "page: free some space (or move the store), then run sync again; it resumes from there.", e);
    }

    internal static string Mb(long bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(bytes / 1048576.0 * 10) / 10:0.0} MB");

    /// <summary>Free bytes for this user on the file system of <paramref name="path"/>; null when unknown.</summary>
    public static long? FreeBytes(string path)
    {
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? path;
            return new DriveInfo(folder).AvailableFreeSpace;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string Found(Exception e) => e switch
    {
        LiteException le => $"LiteDB could not read it ({le.Message})",
        FormatException fe => $"a document does not hold what was written ({fe.Message})",
        _ => $"reading it failed with {e.GetType().Name} ({e.Message})",
    };

    private static readonly string LiteDbAssembly = typeof(LiteDatabase).Assembly.GetName().Name!;
    private static readonly string StoreAssembly = typeof(StoreFaults).Assembly.GetName().Name!;

    // DeclaringAssemblyName may be a full display name ("LiteDB, Version=..."); compare the simple name.
    private static bool SameAssembly(string displayName, string simpleName) =>
        displayName.Length >= simpleName.Length && displayName.StartsWith(simpleName, StringComparison.Ordinal) &&
        (displayName.Length == simpleName.Length || displayName[simpleName.Length] == ',');

    private static bool FromStore(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is LiteException) return true;
            foreach (var frame in new StackTrace(x, false).GetFrames())
            {
                // By name, not by MethodBase: a Native AOT build has the frames' names but not their reflection metadata.
                var assembly = DiagnosticMethodInfo.Create(frame)?.DeclaringAssemblyName;
                if (assembly is not null && (SameAssembly(assembly, LiteDbAssembly) || SameAssembly(assembly, StoreAssembly))) return true;
            }
        }
        return false;
    }
}

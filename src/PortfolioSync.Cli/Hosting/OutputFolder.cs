using PortfolioSync.Store;

namespace PortfolioSync.Cli.Hosting;

/// <summary>
/// The folders that <c>report</c>, <c>value</c>, <c>dashboard</c>, <c>demo</c> and <c>export-data</c> write into: a path
/// that is a file is an option problem (exit 2, before any work), and a write the machine refuses (full disk, no
/// permission, read-only mount, a path under /proc) is said as such (exit 1), never as "unexpected error ... please
/// report it". The writers put their files in place together, so a refused write leaves the folder as it was.
/// </summary>
public static class OutputFolder
{
    /// <summary>The option problem when <paramref name="path"/> is an existing file, else null.</summary>
    public static string? FileProblem(string option, string path) =>
        File.Exists(path) ? $"{option}: {path} is a file, not a folder: give a folder (it is created when missing)" : null;

    /// <summary>Runs <paramref name="write"/>, turning the machine's refusal to write into a plain error.</summary>
    public static T Write<T>(string folder, Func<T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        try
        {
            return write();
        }
        catch (IOException e)
        {
            throw new CliException(Describe(folder, e), ExitCode.Unexpected, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CliException(Describe(folder, e), ExitCode.Unexpected, e);
        }
        catch (AggregateException e) when (WriteFailure(e) is { } refused)   // files written side by side fail together
        {
            throw new CliException(Describe(folder, refused), ExitCode.Unexpected, e);
        }
    }

    private static Exception? WriteFailure(AggregateException e) =>
        e.Flatten().InnerExceptions.FirstOrDefault(x => x is IOException or UnauthorizedAccessException);

    private static string Describe(string folder, Exception e)
    {
        if (StoreFaults.IsNoSpace(e))
            return $"cannot write into {folder}: the disk is full ({e.Message}); free some space and run again";
        if (StoreFaults.IsReadOnly(e))
            return $"cannot write into {folder}: not allowed ({e.Message}); choose another folder with --out, or make it writable";
        return $"cannot write into {folder}: {e.Message}";
    }
}

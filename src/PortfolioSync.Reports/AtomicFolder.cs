namespace PortfolioSync.Reports;

/// <summary>
/// Writes a folder all at once: files go into a hidden temporary folder beside the target, which then replaces the
/// target (an existing target is kept until the new folder is complete). On failure the temporary folder is
/// removed and the target is left as it was.
/// </summary>
internal static class AtomicFolder
{
    /// <param name="fill">Writes the files into the folder it is given.</param>
    public static void Write(string target, Action<string> fill)
    {
        var full = Path.GetFullPath(target).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(full) ?? throw new ArgumentException($"'{target}' has no parent folder", nameof(target));
        Directory.CreateDirectory(parent);
        var name = Path.GetFileName(full);
        var temp = Path.Combine(parent, $".{name}.tmp-{Guid.NewGuid():N}");
        var old = Path.Combine(parent, $".{name}.old-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        var done = false;
        try
        {
            fill(temp);
            if (Directory.Exists(full))
            {
                Directory.Move(full, old);
                try
                {
                    Directory.Move(temp, full);
                }
                catch (IOException)
                {
                    Directory.Move(old, full);   // put the previous report back
                    throw;
                }
                Directory.Delete(old, recursive: true);
            }
            else Directory.Move(temp, full);
            done = true;
        }
        finally
        {
            if (!done && Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>
    /// Writes files into an existing folder that holds other things too (e.g. <c>reports/demo/</c>): each file is
    /// written to a temporary folder first and moved into place only when all of them are complete.
    /// </summary>
    public static void WriteFiles(string folder, Action<string> fill)
    {
        var full = Path.GetFullPath(folder);
        Directory.CreateDirectory(full);
        var temp = Path.Combine(full, $".tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            fill(temp);
            foreach (var file in Directory.GetFiles(temp).Order(StringComparer.Ordinal))
                File.Move(file, Path.Combine(full, Path.GetFileName(file)), overwrite: true);
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }
}

using System.Reflection;
using PortfolioSync.FakeBitstamp.Data;

namespace PortfolioSync.Cli.Hosting;

/// <summary>
/// The repository's <c>sample-data/</c> folder, embedded in the program at build time (resources named
/// <c>sample-data/PATH</c>), so that <c>demo</c> works from any folder once the tool or a published binary is installed.
/// </summary>
public static class BundledSampleData
{
    private const string Prefix = "sample-data/";

    /// <summary>The embedded files: path inside the data folder (with <c>/</c>) and resource name.</summary>
    public static IReadOnlyList<(string Path, string Resource)> Files { get; } = typeof(BundledSampleData).Assembly
        .GetManifestResourceNames()
        .Where(n => n.Replace('\\', '/').StartsWith(Prefix, StringComparison.Ordinal))
        .Select(n => (n.Replace('\\', '/')[Prefix.Length..], n))
        .OrderBy(f => f.Item1, StringComparer.Ordinal)
        .ToList();

    /// <summary>Loads the embedded data folder (written to a private temporary folder, read, and removed).</summary>
    public static ServerData Load()
    {
        if (Files.Count == 0) throw new CliException("this build of portfoliosync carries no sample data; give --data DIR");
        var dir = Directory.CreateTempSubdirectory("portfoliosync-sample-");
        try
        {
            WriteTo(dir.FullName);
            return ServerData.Load(dir.FullName);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Writes the embedded files under <paramref name="dir"/>, byte for byte.</summary>
    public static void WriteTo(string dir)
    {
        var assembly = typeof(BundledSampleData).Assembly;
        foreach (var (path, resource) in Files)
        {
            var target = Path.Combine(dir, path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var source = assembly.GetManifestResourceStream(resource)!;
            using var file = File.Create(target);
            source.CopyTo(file);
        }
    }
}

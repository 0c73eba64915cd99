namespace PortfolioSync.EndToEnd.Tests;

/// <summary>Paths in the repository, found by walking up from the test binaries to PortfolioSync.sln.</summary>
public static class RepoPaths
{
    public static string Root { get; } = Find();

    /// <summary>The CLI built in the same configuration as these tests (the project reference builds it).</summary>
    public static string CliDll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            var dll = Path.Combine(Root, "src", "PortfolioSync.Cli", "bin", configuration, "net10.0", "portfoliosync.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("build the CLI first", dll);
        }
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PortfolioSync.sln"))) return dir.FullName;
        throw new InvalidOperationException("PortfolioSync.sln not found above " + AppContext.BaseDirectory);
    }
}

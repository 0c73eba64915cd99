namespace PortfolioSync.FakeBitstamp.Tests.Support;

internal static class RepoRoot
{
    /// <summary>The folder holding PortfolioSync.sln, found by walking up from the test binaries.</summary>
    public static string Path { get; } = Find();

    public static string SampleData => System.IO.Path.Combine(Path, "sample-data");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "PortfolioSync.sln"))) return dir.FullName;
        throw new InvalidOperationException("PortfolioSync.sln not found above " + AppContext.BaseDirectory);
    }
}

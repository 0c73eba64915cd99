namespace PortfolioSync.Domain.Tests.Architecture;

/// <summary>The repository's source tree, found by walking up from the test binaries to <c>PortfolioSync.sln</c>.</summary>
internal static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string Src => Path.Combine(Root, "src");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PortfolioSync.sln"))) return dir.FullName;
        throw new InvalidOperationException("PortfolioSync.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Every C# source file under src/, without bin/ and obj/.</summary>
    public static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
}

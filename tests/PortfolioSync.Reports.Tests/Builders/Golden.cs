using System.Runtime.CompilerServices;

namespace PortfolioSync.Reports.Tests.Builders;

/// <summary>
/// The committed golden files under <c>Golden/</c>. Run the tests with <c>UPDATE_GOLDEN=1</c> to rewrite them from
/// the current output, then review the diff before committing.
/// </summary>
internal static class Golden
{
    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    public static string Folder(string name) =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(ThisFile()))!, "Golden", name);

    private static string ThisFile([CallerFilePath] string path = "") => path;
}

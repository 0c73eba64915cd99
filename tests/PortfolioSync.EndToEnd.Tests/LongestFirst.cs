using Xunit.Abstractions;

[assembly: TestCollectionOrderer("PortfolioSync.EndToEnd.Tests.LongestFirst", "PortfolioSync.EndToEnd.Tests")]

namespace PortfolioSync.EndToEnd.Tests;

/// <summary>
/// Starts the longest test classes first. xunit runs as many classes at a time as there are cores (two on the build
/// machine); a long class that happens to start last stretches the whole run by its full length.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    /// <summary>Longest first, as measured on the 2-core build machine (docs/benchmarks.md, "Test suite time").</summary>
    private static readonly string[] Longest =
        [nameof(StoreDamageTests), nameof(CrashSafetyTests), nameof(StoreFaultTests), nameof(ExchangeUnavailableTests)];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(Rank).ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    private static int Rank(ITestCollection collection)
    {
        var index = Array.FindIndex(Longest, name => collection.DisplayName.EndsWith("." + name, StringComparison.Ordinal));
        return index < 0 ? Longest.Length : index;
    }
}

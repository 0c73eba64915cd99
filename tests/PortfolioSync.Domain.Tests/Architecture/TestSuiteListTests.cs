using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace PortfolioSync.Domain.Tests.Architecture;

/// <summary>
/// The README's test command runs the assemblies that <c>tests/suite.rsp</c> lists: a test project missing from the
/// list would never run there (and one listed but gone would fail the command), so the list and the solution agree.
/// </summary>
public sealed partial class TestSuiteListTests
{
    [Fact]
    public void The_suite_list_names_every_test_project_of_the_solution_once_and_nothing_else()
    {
        // Given: the solution's test projects (those that are test projects by tests/Directory.Build.props, not turned off)
        var solution = File.ReadAllText(Path.Combine(RepoFiles.Root, "PortfolioSync.sln"));
        var testProjects = SolutionProject().Matches(solution)
            .Select(m => m.Groups["path"].Value.Replace('\\', '/'))
            .Where(p => p.StartsWith("tests/", StringComparison.Ordinal) && IsTestProject(p))
            .Select(p => Path.GetFileNameWithoutExtension(p))
            .ToList();

        // When: the list's assembly lines (the others are comments and runner options)
        var listed = File.ReadAllLines(Path.Combine(RepoFiles.Root, "tests", "suite.rsp"))
            .Where(l => l.EndsWith(".dll", StringComparison.Ordinal))
            .ToList();

        // Then
        testProjects.Should().HaveCountGreaterThanOrEqualTo(8);
        listed.Should().OnlyHaveUniqueItems();
        listed.Should().BeEquivalentTo(testProjects.Select(n => $"tests/{n}/bin/Debug/net10.0/{n}.dll"));
        File.ReadAllLines(Path.Combine(RepoFiles.Root, "tests", "suite.rsp")).Should().ContainInConsecutiveOrder("--settings", "tests/tests.runsettings");
    }

    private static bool IsTestProject(string relativePath)
    {
        var project = XDocument.Load(Path.Combine(RepoFiles.Root, relativePath));
        var setting = project.Descendants().FirstOrDefault(e => e.Name.LocalName == "IsTestProject")?.Value;
        var name = Path.GetFileNameWithoutExtension(relativePath);
        return setting is null ? name != "PortfolioSync.Benchmarks" : bool.Parse(setting);
    }

    [GeneratedRegex("""^Project\("\{[0-9A-F-]+\}"\) = "[^"]+", "(?<path>[^"]+\.csproj)", """, RegexOptions.Multiline)]
    private static partial Regex SolutionProject();
}

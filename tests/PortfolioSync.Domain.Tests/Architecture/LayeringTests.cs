using System.Xml.Linq;

namespace PortfolioSync.Domain.Tests.Architecture;

/// <summary>
/// DESIGN.md §2 as a test: a project that references one it must never reference fails here, whether the reference is
/// a project or a package. Read from the project files themselves, so a new reference is caught before anything runs.
/// </summary>
public sealed class LayeringTests
{
    private static (IReadOnlyList<string> Projects, IReadOnlyList<string> Packages, IReadOnlyList<string> Frameworks) References(string project)
    {
        var doc = XDocument.Load(Path.Combine(RepoFiles.Src, project, project + ".csproj"));
        var items = doc.Descendants().Where(e => e.Name.LocalName is "ProjectReference" or "PackageReference" or "FrameworkReference").ToList();
        List<string> Of(string kind) => items.Where(e => e.Name.LocalName == kind)
            .Select(e => Path.GetFileNameWithoutExtension((string?)e.Attribute("Include") ?? "")).ToList();
        return (Of("ProjectReference"), Of("PackageReference"), Of("FrameworkReference"));
    }

    [Fact]
    public void Domain_references_NodaTime_and_nothing_else()
    {
        var (projects, packages, frameworks) = References("PortfolioSync.Domain");
        projects.Should().BeEmpty("the Domain core references no other project");
        packages.Should().Equal("NodaTime");
        frameworks.Should().BeEmpty();
    }

    [Theory]
    [InlineData("PortfolioSync.Reports", "PortfolioSync.Store")]
    [InlineData("PortfolioSync.Reports", "PortfolioSync.Bitstamp")]
    [InlineData("PortfolioSync.Reports", "PortfolioSync.Sync")]
    [InlineData("PortfolioSync.Bitstamp", "PortfolioSync.Store")]
    [InlineData("PortfolioSync.Bitstamp", "PortfolioSync.Sync")]
    [InlineData("PortfolioSync.Bitstamp", "PortfolioSync.FakeBitstamp")]
    [InlineData("PortfolioSync.FakeBitstamp", "PortfolioSync.Bitstamp")]
    [InlineData("PortfolioSync.Store", "PortfolioSync.Bitstamp")]
    [InlineData("PortfolioSync.Store", "PortfolioSync.Reports")]
    public void A_project_never_references_one_its_layer_forbids(string project, string forbidden)
    {
        References(project).Projects.Should().NotContain(forbidden, $"DESIGN.md §2: {project} may not reference {forbidden}");
    }

    [Fact]
    public void No_product_project_references_the_cli()
    {
        foreach (var dir in Directory.GetDirectories(RepoFiles.Src).Select(Path.GetFileName).Where(d => d != "PortfolioSync.Cli"))
            if (File.Exists(Path.Combine(RepoFiles.Src, dir!, dir + ".csproj")))
                References(dir!).Projects.Should().NotContain("PortfolioSync.Cli", dir);
    }

    [Fact]
    public void The_banned_api_rules_are_wired_into_every_product_project()
    {
        // The analyzer turns these into build errors (RS0030); the lists are where a rule is added.
        var common = File.ReadAllLines(Path.Combine(RepoFiles.Src, "BannedSymbols.txt"));
        common.Should().Contain(l => l.StartsWith("P:System.DateTime.UtcNow;", StringComparison.Ordinal))
            .And.Contain(l => l.StartsWith("P:System.TimeProvider.System;", StringComparison.Ordinal))
            .And.Contain(l => l.StartsWith("M:System.Random.#ctor;", StringComparison.Ordinal));
        var domain = File.ReadAllLines(Path.Combine(RepoFiles.Src, "PortfolioSync.Domain", "BannedSymbols.txt"));
        domain.Should().Contain(l => l.StartsWith("T:System.IO.File;", StringComparison.Ordinal))
            .And.Contain(l => l.StartsWith("T:System.Console;", StringComparison.Ordinal))
            .And.Contain(l => l.StartsWith("T:System.Net.Http.HttpClient;", StringComparison.Ordinal));
        var props = File.ReadAllText(Path.Combine(RepoFiles.Src, "Directory.Build.props"));
        props.Should().Contain("Microsoft.CodeAnalysis.BannedApiAnalyzers").And.Contain("BannedSymbols.txt");
    }

    [Fact]
    public void Only_the_composition_root_reads_the_system_clock()
    {
        // The one exception to the clock ban, a pragma with its reason: the libraries (store, lock, local server) take
        // their clock as a required option, with no default.
        var suppressing = RepoFiles.SourceFiles()
            .Where(f => File.ReadAllText(f).Contains("#pragma warning disable RS0030", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(RepoFiles.Src, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal).ToList();
        suppressing.Should().Equal("PortfolioSync.Cli/Hosting/CliEnvironment.cs");
        RepoFiles.SourceFiles().Where(f => f.Contains("PortfolioSync.Domain", StringComparison.Ordinal))
            .Should().NotContain(f => File.ReadAllText(f).Contains("RS0030", StringComparison.Ordinal), "the Domain core has no exception");
    }
}

using System.Text.RegularExpressions;
using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Tax;

namespace PortfolioSync.Domain.Tests.Architecture;

/// <summary>
/// Each closed set's text forms are written in one place: a method's or scope's name appears as a string literal in
/// exactly one source file, its table. ("uk" also names a jurisdiction and a tax-year rule: different names that are
/// spelled the same, each in its own table.)
/// </summary>
public sealed partial class RuleTextTests
{
    private static readonly Dictionary<string, string> Sources = RepoFiles.SourceFiles()
        .ToDictionary(f => Path.GetRelativePath(RepoFiles.Src, f).Replace('\\', '/'), File.ReadAllText, StringComparer.Ordinal);

    private static List<string> FilesWithLiteral(string text) =>
        Sources.Where(s => s.Value.Contains('"' + text + '"', StringComparison.Ordinal)).Select(s => s.Key).Order(StringComparer.Ordinal).ToList();

    public static TheoryData<string> MethodNames() => [.. CostBasisMethodText.Names];

    public static TheoryData<string> ScopeNames() => [.. PoolScopeText.Names];

    [Theory]
    [MemberData(nameof(MethodNames))]
    public void A_method_name_is_written_only_in_the_method_table(string name)
    {
        var files = FilesWithLiteral(name).Where(f => !IsOtherTableWithSameSpelling(f, name)).ToList();
        files.Should().Equal("PortfolioSync.Domain/CostBasis/CostBasisMethod.cs");
    }

    [Theory]
    [MemberData(nameof(ScopeNames))]
    public void A_scope_name_is_written_only_in_the_scope_table(string name) =>
        FilesWithLiteral(name).Should().Equal("PortfolioSync.Domain/CostBasis/PoolScope.cs");

    [Fact]
    public void Jurisdiction_names_are_written_only_in_the_jurisdiction_table()
    {
        foreach (var j in Jurisdiction.All.Where(j => j.Name != "uk"))
            FilesWithLiteral(j.Name).Should().Equal("PortfolioSync.Domain/Tax/Jurisdiction.cs");
    }

    [Fact]
    public void Every_text_form_parses_back_to_its_value()
    {
        foreach (var m in CostBasisMethodText.All) CostBasisMethodText.Parse(m.ToText()).Should().Be(m);
        foreach (var s in Enum.GetValues<PoolScope>()) PoolScopeText.Parse(s.ToText()).Should().Be(s);
        foreach (var j in Jurisdiction.All) Jurisdiction.Parse(j.Name.ToUpperInvariant()).Should().BeSameAs(j);
        CostBasisMethodText.Names.Should().OnlyHaveUniqueItems();
        PoolScopeText.Names.Should().OnlyHaveUniqueItems();
        Jurisdiction.All.Select(j => j.Name).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void No_source_compares_with_a_rule_name_instead_of_the_typed_value()
    {
        // e.g. `method == "uk"` or `case "fifo":` outside the tables
        var names = CostBasisMethodText.Names.Concat(PoolScopeText.Names).Distinct().ToList();
        var offenders = Sources
            .Where(s => s.Key is not ("PortfolioSync.Domain/CostBasis/CostBasisMethod.cs" or "PortfolioSync.Domain/CostBasis/PoolScope.cs"
                or "PortfolioSync.Domain/Tax/TaxYearRule.cs" or "PortfolioSync.Domain/Tax/Jurisdiction.cs"))
            .Where(s => names.Any(n => ComparisonWith(n).IsMatch(s.Value)))
            .Select(s => s.Key).ToList();
        offenders.Should().BeEmpty();
    }

    private static Regex ComparisonWith(string name) => new($@"(==|!=|case)\s*""{Regex.Escape(name)}""", RegexOptions.CultureInvariant);

    private static bool IsOtherTableWithSameSpelling(string file, string name) =>
        name == "uk" && file is "PortfolioSync.Domain/Tax/Jurisdiction.cs" or "PortfolioSync.Domain/Tax/TaxYearRule.cs";
}

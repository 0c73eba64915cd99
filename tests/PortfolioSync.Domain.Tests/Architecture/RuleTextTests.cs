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

    /// <summary>Files with <paramref name="name"/> as a word anywhere in a string literal of code (messages, help
    /// texts and ids too, not only the literal alone); comments may name it.</summary>
    private static List<string> FilesWithNameInText(string name)
    {
        var word = new Regex($@"(?<![\w-]){Regex.Escape(name)}(?![\w-])", RegexOptions.CultureInvariant);
        return Sources.Where(s => CodeLines(s.Value).Any(line => StringLiteral().Matches(line).Any(m => word.IsMatch(Text(m.Value)))))
            .Select(s => s.Key).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>A literal without its interpolation holes (<c>{uk.Name}</c> is code, not text).</summary>
    private static string Text(string literal) => Hole().Replace(literal, "");

    [GeneratedRegex(@"\{[^{}]*\}", RegexOptions.CultureInvariant)]
    private static partial Regex Hole();

    private static IEnumerable<string> CodeLines(string source) =>
        source.Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal));

    [GeneratedRegex(@"""(?:[^""\\\n]|\\.)*""", RegexOptions.CultureInvariant)]
    private static partial Regex StringLiteral();

    public static TheoryData<string> MethodNames() => [.. CostBasisMethodText.Names];

    public static TheoryData<string> ScopeNames() => [.. PoolScopeText.Names];

    [Theory]
    [MemberData(nameof(MethodNames))]
    public void A_method_name_is_written_only_in_the_method_table(string name)
    {
        var files = FilesWithNameInText(name).Where(f => !IsOtherTableWithSameSpelling(f, name)).ToList();
        files.Should().Equal("PortfolioSync.Domain/CostBasis/CostBasisMethod.cs");
    }

    [Theory]
    [MemberData(nameof(ScopeNames))]
    public void A_scope_name_is_written_only_in_the_scope_table(string name) =>
        FilesWithNameInText(name).Should().Equal("PortfolioSync.Domain/CostBasis/PoolScope.cs");

    [Fact]
    public void The_text_search_finds_a_name_inside_a_message()
    {
        // The search the two theories rely on: a name inside a longer literal counts, a comment or another word does not.
        const string file = "// use fifo here\nvar a = $\"method {m} is fifo: no\";\nvar b = \"fifos\";\nvar c = \"per-account-from:2025\";";
        CodeLines(file).SelectMany(l => StringLiteral().Matches(l)).Select(m => m.Value)
            .Should().Equal("\"method {m} is fifo: no\"", "\"fifos\"", "\"per-account-from:2025\"");
        Text("\"{uk.Name} is uk\"").Should().Be("\" is uk\"");
        var word = new Regex(@"(?<![\w-])per-account(?![\w-])");
        word.IsMatch("\"per-account-from:2025\"").Should().BeFalse();
        word.IsMatch("\"use per-account pools\"").Should().BeTrue();
    }

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

using System.Text.RegularExpressions;
using PortfolioSync.Cli.Hosting;

namespace PortfolioSync.Cli.Tests;

/// <summary>
/// How a command is built (README, "How a command is built"): a settings record, bound before the run; shared work in
/// Hosting services. A command never references another command, and no shared code references a command.
/// </summary>
public sealed partial class CommandArchitectureTests
{
    private static readonly string CliSource = Path.Combine(RepoRoot(), "src", "PortfolioSync.Cli");

    /// <summary>The command classes: every class declared in Commands/ that derives from a CliCommand.</summary>
    private static IReadOnlyList<string> CommandClasses() =>
        Directory.GetFiles(Path.Combine(CliSource, "Commands"), "*.cs")
            .SelectMany(f => CommandDeclaration().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>The other command classes a source text names (comments left out), each once.</summary>
    internal static IReadOnlyList<string> ReferencedCommands(string source, string? self, IReadOnlyList<string> commands)
    {
        var code = LineComment().Replace(source, "");
        return commands.Where(c => c != self && Regex.IsMatch(code, $@"\b{c}\b")).ToList();
    }

    [Fact]
    public void The_scan_finds_every_command_and_would_catch_a_call_into_another_command()
    {
        var commands = CommandClasses();
        commands.Should().Contain(["SyncCommand", "ReportCommand", "DashboardCommand", "DemoCommand", "ValueCommand", "VerifyCommand"]);
        ReferencedCommands("var s = SyncCommand.OpenStore(path, env); // DemoCommand in a comment", "ImportCommand", commands)
            .Should().Equal("SyncCommand");
        ReferencedCommands("var p = DashboardCommand.Write(context, config, dir, ct);", "DashboardCommand", commands).Should().BeEmpty();
    }

    [Fact]
    public void No_command_references_another_command()
    {
        var commands = CommandClasses();
        var offenders = Directory.GetFiles(Path.Combine(CliSource, "Commands"), "*.cs")
            .SelectMany(f =>
            {
                var text = File.ReadAllText(f);
                var self = CommandDeclaration().Match(text) is { Success: true } m ? m.Groups[1].Value : null;
                return ReferencedCommands(text, self, commands).Select(c => $"{Path.GetFileName(f)} -> {c}");
            })
            .ToList();
        offenders.Should().BeEmpty("shared work lives in Hosting services (StoreAccess, SyncRunner, DashboardOutput, ManualCostsInput, OptionText)");
    }

    [Fact]
    public void Shared_code_references_no_command_only_the_app_lists_them()
    {
        var commands = CommandClasses();
        var offenders = Directory.GetFiles(CliSource, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Commands{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && Path.GetFileName(f) != "CliApp.cs")
            .SelectMany(f => ReferencedCommands(File.ReadAllText(f), null, commands).Select(c => $"{Path.GetRelativePath(CliSource, f)} -> {c}"))
            .ToList();
        offenders.Should().BeEmpty();
    }

    [Fact]
    public void A_command_reads_its_options_only_in_its_binder()
    {
        var offenders = Directory.GetFiles(Path.Combine(CliSource, "Commands"), "*.cs")
            .Where(f => File.ReadAllText(f).Contains("context.Parse", StringComparison.Ordinal))
            .Select(Path.GetFileName).ToList();
        offenders.Should().BeEmpty("a run receives its settings record, never the parse result");
    }

    [Fact]
    public void Every_command_binds_into_a_sealed_settings_record()
    {
        var commands = typeof(CliApp).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(CliCommand))).ToList();
        commands.Should().HaveCountGreaterThanOrEqualTo(15);
        foreach (var command in commands)
        {
            var generic = command.BaseType!;
            generic.IsGenericType.Should().BeTrue($"{command.Name} derives from CliCommand<TSettings>");
            generic.GetGenericTypeDefinition().Should().Be(typeof(CliCommand<>));
            var settings = generic.GetGenericArguments()[0];
            settings.IsSealed.Should().BeTrue($"{settings.Name} is sealed");
            settings.GetMethod("<Clone>$").Should().NotBeNull($"{settings.Name} is a record");
            settings.Name.Should().EndWith("Settings");
        }
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PortfolioSync.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("PortfolioSync.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\bclass\s+(\w+Command)\b[^\n{]*:\s*CliCommand\b")]
    private static partial Regex CommandDeclaration();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex LineComment();
}

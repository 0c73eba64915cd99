using PortfolioSync.Cli.Hosting;
using PortfolioSync.Cli.Tests.Reporting;

namespace PortfolioSync.Cli.Tests;

/// <summary>
/// <c>status --json</c> is a script contract: its whole text is pinned by <c>Golden/status.json</c> (field names, order,
/// nulls, number and string forms, indentation). The only normalisation: the CLI home is a fresh temp folder per run,
/// so its path is written as <c>&lt;home&gt;</c> in the golden file (every config, store, lock and default path lies
/// under it). Times need none: the store is written with a fixed clock (runs, cursors) and nothing else reads one.
/// </summary>
public sealed class StatusJsonGoldenTests
{
    [Fact]
    public async Task Status_json_is_byte_identical_to_the_golden_file()
    {
        using var cli = new CliRun { Os = HostOs.Linux };
        var config = ReportFixture.Config(cli);
        ReportFixture.HandWorked().UnknownType("bot", "2024-02-01 10:00:00").WriteTo(cli.PathIn(ReportFixture.StoreRelative));
        cli.Variables["MAIN_KEY"] = "mainkey0123456789abcdef";
        cli.Variables["MAIN_SECRET"] = "mainsecret0123456789";
        // bot: key set, secret missing: a problem in the JSON and on stderr, exit 2.

        cli.Variables["BOT_KEY"] = "botkey0123456789abcdef";
        var status = await cli.RunAsync("status", "--json", "--config", config);

        status.ExitCode.Should().Be(2, status.Error);
        var text = status.Out.Replace(cli.Home, "<home>", StringComparison.Ordinal);
        var golden = Path.Combine(RepoRoot(), "tests", "PortfolioSync.Cli.Tests", "Golden", "status.json");
        // A deliberate contract change: run once with UPDATE_GOLDEN=1, review the diff of the file, commit it.
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1") File.WriteAllText(golden, text);
        text.Should().Be(File.ReadAllText(golden));
        status.All.Should().NotContain("mainsecret0123456789").And.NotContain("mainkey0123456789abcdef");
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PortfolioSync.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}

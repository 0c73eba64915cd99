using System.Reflection;

namespace PortfolioSync.Cli.Tests;

public sealed class HelpAndUsageTests
{
    private static readonly string[] AllCommands = ["demo", "init", "check", "sync", "report", "value", "status", "verify", "fake-server", "schedule", "completion"];

    [Fact]
    public async Task Help_lists_every_command_and_exits_0()
    {
        using var cli = new CliRun();

        var result = await cli.RunAsync("--help");

        result.ExitCode.Should().Be(0);
        foreach (var command in AllCommands) result.Out.Should().Contain($"  {command} ");
    }

    [Theory]
    [InlineData("demo")]
    [InlineData("init")]
    [InlineData("check")]
    [InlineData("sync")]
    [InlineData("report")]
    [InlineData("value")]
    [InlineData("status")]
    [InlineData("verify")]
    [InlineData("fake-server")]
    public async Task Every_command_has_its_own_help(string command)
    {
        using var cli = new CliRun();

        var result = await cli.RunAsync(command, "--help");

        result.ExitCode.Should().Be(0);
        result.Out.Should().Contain($"portfoliosync {command}");
        result.Out.Should().Contain("--config");
    }

    [Fact]
    public async Task Version_prints_the_version_and_the_commit_it_was_built_from()
    {
        using var cli = new CliRun();

        var result = await cli.RunAsync("--version");

        result.ExitCode.Should().Be(0);
        result.Out.Should().MatchRegex(@"^\d+\.\d+\.\d+ \(commit [0-9a-f]{12}\)\r?\n$", "a build from a git checkout carries its commit");
        var informational = typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        informational.Should().StartWith(result.Out.Split(' ')[0] + "+" + result.Out.Split("commit ")[1][..12],
            "--version and the User-Agent read the same assembly version");
    }

    [Theory]
    [InlineData("portfoliosync", "bogus")]
    [InlineData("portfoliosync status", "status", "--bogus")]
    [InlineData("portfoliosync status", "status", "--json", "extra")]
    [InlineData("portfoliosync import bitstamp-csv", "import", "bitstamp-csv", "history.csv")]
    [InlineData("portfoliosync schedule print", "schedule", "print", "--bogus")]
    public async Task A_bad_command_line_exits_2_with_one_clear_error_and_no_help_dump(string help, params string[] args)
    {
        using var cli = new CliRun();

        var result = await cli.RunAsync(args);

        result.ExitCode.Should().Be(2);
        result.Error.Should().StartWith("error: ").And.EndWith($"Run '{help} --help' for usage.{Environment.NewLine}", "the help of the command as typed, subcommand included");
        result.Out.Should().BeEmpty();
    }

    [Fact]
    public async Task No_command_at_all_is_a_usage_error()
    {
        using var cli = new CliRun();

        var result = await cli.RunAsync();

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("a command is required");
    }
}

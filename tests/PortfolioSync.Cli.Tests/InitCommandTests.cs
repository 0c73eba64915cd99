using PortfolioSync.Cli.Config;
using PortfolioSync.Cli.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace PortfolioSync.Cli.Tests;

public sealed class InitCommandTests
{
    [Fact]
    public async Task Init_writes_a_commented_template_that_loads_as_a_valid_config()
    {
        using var cli = new CliRun();

        var result = await cli.RunAsync("init", "--config", "my/config.json");

        result.ExitCode.Should().Be(0);
        var path = cli.PathIn("my/config.json");
        var text = File.ReadAllText(path);
        text.Should().Contain("// ").And.Contain("env:BITSTAMP_MAIN_SECRET");
        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var config = ConfigLoader.Load(path, Environment(cli));
        config.Accounts.Select(a => a.Name).Should().Equal("main", "dca-bot", "grid-bot");
        config.Accounts[0].IsMain.Should().BeTrue();
    }

    [Fact]
    public async Task Init_goes_to_the_XDG_default_path_without_config()
    {
        using var cli = new CliRun();
        cli.Variables["XDG_CONFIG_HOME"] = cli.PathIn("xdg");

        var result = await cli.RunAsync("init");

        result.ExitCode.Should().Be(0);
        File.Exists(cli.PathIn("xdg/portfoliosync/config.json")).Should().BeTrue();
    }

    [Fact]
    public async Task Init_refuses_to_overwrite_an_existing_file_unless_forced()
    {
        using var cli = new CliRun();
        var path = cli.Write("config.json", "{ \"mine\": true }");

        var refused = await cli.RunAsync("init", "--config", path);

        refused.ExitCode.Should().Be(2);
        refused.Error.Should().Contain("already exists").And.Contain("--force");
        File.ReadAllText(path).Should().Be("{ \"mine\": true }");

        var forced = await cli.RunAsync("init", "--config", path, "--force");

        forced.ExitCode.Should().Be(0);
        File.ReadAllText(path).Should().Contain("\"accounts\"");
    }

    private static CliEnvironment Environment(CliRun cli) => new()
    {
        Out = TextWriter.Null,
        Error = TextWriter.Null,
        Variables = cli.Variables,
        WorkingDirectory = cli.Home,
        HomeDirectory = cli.Home,
        Time = new FakeTimeProvider(),
    };
}

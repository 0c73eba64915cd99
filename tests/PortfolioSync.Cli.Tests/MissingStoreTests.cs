namespace PortfolioSync.Cli.Tests;

/// <summary>Every command that reads the store says the same thing when there is none yet: where it looked and what to do.</summary>
public sealed class MissingStoreTests
{
    [Theory]
    [InlineData("verify")]
    [InlineData("report", "--year", "2024")]
    [InlineData("value")]
    [InlineData("dashboard")]
    [InlineData("export-data", "--out", "exported")]
    public async Task A_command_run_before_the_first_sync_names_the_store_and_says_to_sync_first(params string[] command)
    {
        using var cli = new CliRun();
        var config = cli.Write("config.json", ConfigFiles.OneAccount("env:K", "env:S"));
        var store = cli.PathIn("none.db");

        var result = await cli.RunAsync([.. command, "--config", config, "--store", store]);

        result.ExitCode.Should().Be(2, result.All);
        result.Error.Should().EndWith($"error: no store at {store}: run `portfoliosync sync` first (or point --store at the store file){Environment.NewLine}");
        File.Exists(store).Should().BeFalse("no command but sync creates the store");
    }
}

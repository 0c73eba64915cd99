namespace PortfolioSync.Cli.Tests;

/// <summary>
/// An <c>--out</c> that names an existing file is an option problem of every command that writes a folder: exit 2 with
/// the path and what to give instead, before any config, store or server is touched (no config exists here).
/// </summary>
public sealed class OutputFolderOptionTests
{
    [Theory]
    [InlineData("report", "--year", "2024")]
    [InlineData("value")]
    [InlineData("dashboard")]
    [InlineData("demo")]
    [InlineData("export-data")]
    public async Task An_out_that_is_a_file_exits_2_naming_it_before_anything_else(params string[] command)
    {
        using var cli = new CliRun();
        var file = cli.Write("notes.txt", "keep me\n");

        var result = await cli.RunAsync([.. command, "--out", file]);

        result.ExitCode.Should().Be(2, result.All);
        result.Error.Should().Be($"error: --out: {file} is a file, not a folder: give a folder (it is created when missing){Environment.NewLine}");
        File.ReadAllText(file).Should().Be("keep me\n");
    }
}

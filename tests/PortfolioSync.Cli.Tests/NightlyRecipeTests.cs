using System.Diagnostics;
using PortfolioSync.Cli.Hosting;

namespace PortfolioSync.Cli.Tests;

/// <summary>
/// The nightly recipes as printed by <c>schedule print</c> (and shown in docs/nightly.md) actually work (issue 19):
/// the cron line runs in a shell on a fresh home (log folder missing), reads an env file with <c>export</c> lines, and
/// dates each run; the systemd units pass <c>systemd-analyze verify</c>. The program the job runs is a small script
/// that prints what it got, standing in for the binary.
/// </summary>
public sealed class NightlyRecipeTests
{
    private const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private static async Task<(CliRun Cli, string Printed)> PrintAsync(string os, bool envFile = true)
    {
        var cli = new CliRun { Os = HostOs.Linux };
        var program = cli.Write("bin/portfoliosync", "#!/bin/sh\necho \"program got: $*; key=$BITSTAMP_MAIN_KEY\"\necho 'summary: 3 accounts, 0 new records'\n", Executable);
        cli.Write(".config/portfoliosync/config.json", "{}");
        if (envFile) cli.Write(".config/portfoliosync/env", "export BITSTAMP_MAIN_KEY=key-from-env-file\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var result = await cli.RunAsync("schedule", "print", "--os", os, "--program", program, "--config", cli.PathIn(".config/portfoliosync/config.json"));
        result.ExitCode.Should().Be(0, result.Error);
        return (cli, result.Out);
    }

    [Fact]
    public async Task The_cron_line_works_the_first_night_reads_export_lines_and_dates_the_run_with_its_exit_code()
    {
        var (cli, printed) = await PrintAsync("linux");
        using var _ = cli;
        var line = printed.Split('\n').Single(l => l.StartsWith("17 3 * * * ", StringComparison.Ordinal));
        var command = line["17 3 * * * ".Length..].Replace("\\%", "%", StringComparison.Ordinal);   // what cron hands to sh
        Directory.Exists(cli.PathIn(".local/state")).Should().BeFalse();

        var (code, _) = await RunAsync("/bin/sh", ["-c", command], cli.Home);

        code.Should().Be(0);
        var log = File.ReadAllLines(cli.PathIn(".local/state/portfoliosync/sync.log"));
        log.Should().HaveCount(4);
        log[0].Should().MatchRegex(@"^== \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ sync start$");
        log[1].Should().Be($"program got: --config {cli.PathIn(".config/portfoliosync/config.json")} sync; key=key-from-env-file");
        log[2].Should().StartWith("summary:");
        log[3].Should().MatchRegex(@"^== \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ sync exit 0$");
    }

    [Fact]
    public async Task With_no_env_file_the_cron_line_still_runs_the_sync()
    {
        // Given: secrets by file: or command: references only, so no env file beside the config
        var (cli, printed) = await PrintAsync("linux", envFile: false);
        using var _ = cli;
        var line = printed.Split('\n').Single(l => l.StartsWith("17 3 * * * ", StringComparison.Ordinal));
        var command = line["17 3 * * * ".Length..].Replace("\\%", "%", StringComparison.Ordinal);

        // When
        var (code, _) = await RunAsync("/bin/sh", ["-c", command], cli.Home);

        // Then: the program ran (before, sh stopped at '.' of the missing file and logged only the start)
        code.Should().Be(0);
        var log = File.ReadAllLines(cli.PathIn(".local/state/portfoliosync/sync.log"));
        log.Should().HaveCount(4, string.Join('\n', log));
        log[1].Should().Be($"program got: --config {cli.PathIn(".config/portfoliosync/config.json")} sync; key=");
        log[3].Should().MatchRegex(@"^== \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ sync exit 0$");
    }

    [Fact]
    public async Task The_systemd_units_pass_systemd_analyze_verify()
    {
        var (cli, printed) = await PrintAsync("linux");
        using var _ = cli;
        var service = Section(printed, "# --- systemd user units", "# --- ~/.config/systemd/user/portfoliosync.timer");
        var timer = Section(printed, "# --- ~/.config/systemd/user/portfoliosync.timer", "# then:");
        var servicePath = cli.Write("units/portfoliosync.service", service);
        var timerPath = cli.Write("units/portfoliosync.timer", timer);

        var (code, output) = await RunAsync("systemd-analyze", ["verify", servicePath, timerPath], cli.Home);

        code.Should().Be(0, output);
        output.Should().NotContain("Unknown key").And.NotContain("ignoring");
        service.Should().NotContain("EnvironmentFile", "systemd would ignore the env file's export lines");
    }

    private static string Section(string text, string from, string to)
    {
        var start = text.IndexOf('\n', text.IndexOf(from, StringComparison.Ordinal)) + 1;
        return text[start..text.IndexOf(to, StringComparison.Ordinal)];
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string[] args, string home)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = home };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["HOME"] = home;
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await output + await error);
    }
}

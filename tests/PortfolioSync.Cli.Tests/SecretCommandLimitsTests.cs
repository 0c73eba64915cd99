using System.Diagnostics;
using PortfolioSync.Bitstamp.Auth;
using PortfolioSync.Cli.Hosting;
using PortfolioSync.Cli.Secrets;

namespace PortfolioSync.Cli.Tests;

/// <summary>
/// A <c>command:</c> secret cannot hang the program or fill its memory (issue 19): the timeout stops the command and
/// every process it started, output is read up to a small bound, and a process left holding the output open after the
/// command ended does not keep us waiting. Real processes.
/// </summary>
// Alone: one test measures the process's allocated bytes, which tests running beside it would add to (it failed under
// load with 110 MB counted, most of it other tests' report runs).
[Collection(nameof(SecretCommandLimitsTests))]
public sealed class SecretCommandLimitsTests
{
    private const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Fact]
    public async Task The_timeout_fires_when_a_child_keeps_the_output_open_and_kills_the_whole_process_tree()
    {
        using var cli = new CliRun { SecretCommandTimeout = TimeSpan.FromMilliseconds(800) };
        // The command starts a child that holds stdout open, records its pid, and waits for it.
        var pids = cli.PathIn("pids");
        var script = cli.Write("pm.sh", $"#!/bin/sh\nsleep 120 &\necho $! > '{pids}'\necho $$ >> '{pids}'\nwait\n", Executable);
        cli.Variables["K"] = "key1";
        var config = cli.Write("config.json", ConfigFiles.OneAccount("env:K", $"command:{script}"));

        var watch = Stopwatch.StartNew();
        var result = await cli.RunAsync("status", "--config", config);
        watch.Stop();

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("did not finish within 0.8 s").And.Contain("stopped");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20), "the timeout fired instead of waiting for the child");
        foreach (var pid in File.ReadAllLines(pids).Select(int.Parse))
            (await GoneAsync(pid)).Should().BeTrue($"process {pid} of the command's tree was killed");
    }

    [Fact]
    public async Task Endless_output_is_cut_at_a_small_bound_and_the_command_stopped()
    {
        using var cli = new CliRun { SecretCommandTimeout = TimeSpan.FromSeconds(20) };
        cli.Variables["K"] = "key1";
        var config = cli.Write("config.json", ConfigFiles.OneAccount("env:K", "command:yes a-very-long-secret-line"));

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = await cli.RunAsync("status", "--config", config);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("printed more than 64 KiB");
        result.Error.Split("a-very-long-secret-line").Should().HaveCount(2, "the reference is named once; nothing the command printed is shown");
        allocated.Should().BeLessThan(64L * 1024 * 1024, "the output is read up to 64 KiB, not to the end");
    }

    [Fact]
    public async Task Endless_error_output_is_drained_without_being_kept_and_the_timeout_still_fires()
    {
        using var cli = new CliRun { SecretCommandTimeout = TimeSpan.FromMilliseconds(800) };
        var script = cli.Write("pm.sh", "#!/bin/sh\nexec yes leak-on-stderr >&2\n", Executable);
        cli.Variables["K"] = "key1";
        var config = cli.Write("config.json", ConfigFiles.OneAccount("env:K", $"command:{script}"));

        var result = await cli.RunAsync("status", "--config", config);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("did not finish within 0.8 s").And.NotContain("leak-on-stderr");
    }

    [Fact]
    public async Task A_command_that_printed_its_secret_and_exited_is_not_held_up_by_a_process_it_left_behind()
    {
        using var folder = new CliRun();
        var pids = folder.PathIn("pids");
        // Like a password manager starting an agent that inherits stdout: the command ends, the agent keeps the pipe.
        var script = folder.Write("pm.sh", $"#!/bin/sh\necho the-secret\nsleep 120 &\necho $! > '{pids}'\n", Executable);
        var env = new CliEnvironment
        {
            Out = TextWriter.Null, Error = TextWriter.Null, Variables = new Dictionary<string, string>(), WorkingDirectory = folder.Home,
            HomeDirectory = folder.Home, Time = TimeProvider.System, SecretCommandTimeout = TimeSpan.FromSeconds(20),
        };
        try
        {
            var watch = Stopwatch.StartNew();
            using var secret = await new SecretResolver(env).ResolveAsync(new SecretReference(SecretSource.Command, script), "main", "secret", CancellationToken.None);
            watch.Stop();

            secret.Should().Be(Secret.FromString("the-secret"));
            watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "the command ended; the agent holding the pipe is not waited for");
        }
        finally
        {
            if (File.Exists(pids) && int.TryParse(File.ReadAllText(pids).Trim(), out var pid))
            {
                try { Process.GetProcessById(pid).Kill(); }
                catch (ArgumentException) { }
                catch (InvalidOperationException) { }
            }
        }
    }

    private static async Task<bool> GoneAsync(int pid)
    {
        for (var i = 0; i < 50; i++)
        {
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat)) return true;
            try
            {
                // A killed child not yet reaped by its new parent is a zombie ('Z'): it runs no more.
                var state = File.ReadAllText(stat).Split(") ", 2)[1][0];
                if (state is 'Z' or 'X') return true;
            }
            catch (IOException) { return true; }
            await Task.Delay(100);
        }
        return false;
    }
}

[CollectionDefinition(nameof(SecretCommandLimitsTests), DisableParallelization = true)]
public sealed class SecretCommandLimitsCollection;

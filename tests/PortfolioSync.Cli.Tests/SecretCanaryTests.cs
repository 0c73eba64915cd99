namespace PortfolioSync.Cli.Tests;

/// <summary>
/// A known secret value is pushed through every error path the CLI has; it must appear in no output and no file the
/// program writes.
/// </summary>
public sealed class SecretCanaryTests
{
    private const string Canary = "CANARY-7d1f0e-s3cr3t-vAlu3";

    [Fact]
    public async Task The_secret_value_never_appears_in_output_or_written_files()
    {
        using var cli = new CliRun { SecretCommandTimeout = TimeSpan.FromMilliseconds(300) };
        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        const UnixFileMode Exec = Private | UnixFileMode.UserExecute;
        var worldReadable = cli.Write("open.secret", Canary + "\n", Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        cli.Write("ok.secret", Canary + "\n", Private);
        cli.Write("two-lines.secret", Canary + "\n" + Canary + "\n", Private);
        var leaky = cli.Write("leaky.sh", $"#!/bin/sh\necho '{Canary}'\necho '{Canary}' >&2\nexit 1\n", Exec);
        var slow = cli.Write("slow.sh", $"#!/bin/sh\necho '{Canary}'\nsleep 30\n", Exec);
        var good = cli.Write("good.sh", $"#!/bin/sh\necho '{Canary}'\n", Exec);
        cli.Variables["CANARY_SECRET"] = Canary;
        cli.Variables["CANARY_AS_KEY"] = Canary + " with blank";
        var before = Snapshot(cli.Home);

        var configs = new[]
        {
            ConfigFiles.OneAccount("env:K", Canary),                                   // literal secret
            ConfigFiles.OneAccount("env:CANARY_AS_KEY", "env:CANARY_SECRET"),          // bad key id, good secret
            ConfigFiles.OneAccount("key1", "file:~/open.secret"),                      // world-readable file
            ConfigFiles.OneAccount("key1", "file:~/two-lines.secret"),                 // malformed file
            ConfigFiles.OneAccount("key1", $"command:{leaky}"),                        // failing command
            ConfigFiles.OneAccount("key1", $"command:{slow}"),                         // hanging command
            ConfigFiles.OneAccount("key1", $"command:{good}", extra: "\"bogus\": 1,"), // config error with a valid secret
            ConfigFiles.OneAccount("key1", "file:~/ok.secret"),                        // success
            ConfigFiles.OneAccount("key1", "env:CANARY_SECRET"),                       // success
            "{ \"accounts\": [ { \"name\": \"main\", \"key\": \"k\", \"secret\": \"" + Canary + "\" ", // syntax error around a literal
        };
        var outputs = new List<CliResult>();
        var i = 0;
        foreach (var text in configs)
        {
            var path = cli.Write($"configs/c{i++}.json", text);
            outputs.Add(await cli.RunAsync("status", "--config", path));
            outputs.Add(await cli.RunAsync("status", "--json", "--config", path));
            outputs.Add(await cli.RunAsync("status", "--verbose", "--config", path));
        }
        outputs.Add(await cli.RunAsync("init", "--config", "configs/c0.json"));

        outputs.Should().Contain(r => r.ExitCode == 0, "the success paths must run too");
        outputs.Should().Contain(r => r.ExitCode == 2);
        foreach (var r in outputs) r.All.Should().NotContain(Canary);
        foreach (var file in ChangedFiles(before, Snapshot(cli.Home)))
        {
            if (file.Contains("configs", StringComparison.Ordinal)) continue;   // written by this test
            File.ReadAllText(file).Should().NotContain(Canary, $"{file} was written by the program");
        }
        _ = worldReadable;
    }

    private static Dictionary<string, DateTime> Snapshot(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);

    private static IEnumerable<string> ChangedFiles(Dictionary<string, DateTime> before, Dictionary<string, DateTime> after) =>
        after.Where(a => !before.TryGetValue(a.Key, out var t) || t != a.Value).Select(a => a.Key);
}

using Microsoft.Extensions.Time.Testing;
using PortfolioSync.Cli;
using PortfolioSync.Cli.Hosting;

namespace PortfolioSync.Cli.Tests;

/// <summary>Runs the real program in-process in a throw-away home folder, capturing its output.</summary>
public sealed class CliRun : IDisposable
{
    public CliRun()
    {
        Home = Directory.CreateTempSubdirectory("psync-cli-").FullName;
    }

    public string Home { get; }

    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public TimeSpan SecretCommandTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whose path conventions the program follows (default: this machine's).</summary>
    public HostOs Os { get; set; } = AppPaths.CurrentOs;

    /// <summary>The program's clock: a fixed fake by default; tests that talk to the local server share the real one with it.</summary>
    public TimeProvider Time { get; set; } = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    public string PathIn(string relative) => Path.Combine(Home, relative);

    public string Write(string relative, string content, UnixFileMode? mode = null)
    {
        var path = PathIn(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        if (mode is { } m) File.SetUnixFileMode(path, m);
        return path;
    }

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var env = new CliEnvironment
        {
            Out = output,
            Error = error,
            Variables = Variables,
            WorkingDirectory = Home,
            HomeDirectory = Home,
            Time = Time,
            IsTerminal = false,
            SecretCommandTimeout = SecretCommandTimeout,
            Os = Os,
        };
        var code = await CliApp.RunAsync(args, env, CancellationToken.None);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        try { Directory.Delete(Home, recursive: true); }
        catch (IOException) { }
    }
}

public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public string All => Out + Error;
}

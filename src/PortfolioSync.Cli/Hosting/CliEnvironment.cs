using System.Collections;

namespace PortfolioSync.Cli.Hosting;

/// <summary>
/// Everything the CLI takes from the outside world, injected so that tests run the real program in-process:
/// output streams, environment variables, home and working directories, the clock and whether stdout is a terminal.
/// </summary>
public sealed class CliEnvironment
{
    public required TextWriter Out { get; init; }
    public required TextWriter Error { get; init; }
    public required IReadOnlyDictionary<string, string> Variables { get; init; }
    public required string WorkingDirectory { get; init; }
    public required string HomeDirectory { get; init; }
    public required TimeProvider Time { get; init; }
    public bool IsTerminal { get; init; }

    /// <summary>Whose conventions the default paths follow (<see cref="AppPaths"/>); tests inject each OS.</summary>
    public HostOs Os { get; init; } = AppPaths.CurrentOs;

    /// <summary>The running program's file (<see cref="Environment.ProcessPath"/>), for <c>schedule print</c>.</summary>
    public string? ProgramPath { get; init; }

    /// <summary>How long a <c>command:</c> secret may take.</summary>
    public TimeSpan SecretCommandTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Ends the process at once with an exit code, for a command stuck where it cannot be cancelled (a store left hung by
    /// a failed write, a lock wait inside LiteDB). The real process only; in-process tests leave it null.
    /// </summary>
    public Action<int>? Terminate { get; init; }

    /// <summary>The store the running command opened (set when it opens one), to name it in an error.</summary>
    public string? StoreInUse { get; set; }

    public string? Variable(string name) => Variables.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    /// <summary>The real process environment. Used by Program.cs only.</summary>
    public static CliEnvironment FromProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        Variables = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal),
        WorkingDirectory = Environment.CurrentDirectory,
        HomeDirectory = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        #pragma warning disable RS0030 // the composition root: the one place the program reads the system clock
        Time = TimeProvider.System,
        #pragma warning restore RS0030
        IsTerminal = !Console.IsOutputRedirected,
        ProgramPath = Environment.ProcessPath,
        Terminate = Environment.Exit,
    };

    /// <summary>Resolves <c>~</c>, and a relative path against <paramref name="relativeTo"/> (default: the working directory).</summary>
    public string ExpandPath(string path, string? relativeTo = null)
    {
        if (path == "~") return HomeDirectory;
        if (path.StartsWith("~/", StringComparison.Ordinal)) path = Path.Combine(HomeDirectory, path[2..]);
        return Path.GetFullPath(path, relativeTo ?? WorkingDirectory);
    }
}

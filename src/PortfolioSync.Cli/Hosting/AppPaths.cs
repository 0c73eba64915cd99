namespace PortfolioSync.Cli.Hosting;

/// <summary>The desktop operating systems PortfolioSync follows the conventions of.</summary>
public enum HostOs
{
    Linux,
    MacOS,
    Windows,
}

/// <summary>
/// Where the config, the store and its lock live by default, following each OS's convention:
/// Linux (and other Unix) the XDG base directories (<c>$XDG_CONFIG_HOME</c>, <c>$XDG_DATA_HOME</c>, relative values
/// ignored as the specification says, defaults <c>~/.config</c>, <c>~/.local/share</c>); macOS
/// <c>~/Library/Application Support/portfoliosync</c>; Windows <c>%APPDATA%\portfoliosync</c> (config, roams with the
/// profile) and <c>%LOCALAPPDATA%\portfoliosync</c> (store and lock, machine-local). Pure: computed from the injected
/// environment, so each OS's rules are tested on any OS.
/// </summary>
public sealed record AppPaths(HostOs Os, string ConfigDirectory, string ConfigFile, string DataDirectory, string StoreFile, string LockFile)
{
    public const string AppFolder = "portfoliosync";

    public static HostOs CurrentOs =>
        OperatingSystem.IsWindows() ? HostOs.Windows : OperatingSystem.IsMacOS() ? HostOs.MacOS : HostOs.Linux;

    public static AppPaths For(CliEnvironment env) => For(env.Os, env.Variable, env.HomeDirectory);

    public static AppPaths For(HostOs os, Func<string, string?> variable, string home)
    {
        string configDir, dataDir;
        switch (os)
        {
            case HostOs.Windows:
                configDir = Join(os, Absolute(os, variable("APPDATA")) ?? Join(os, home, "AppData", "Roaming"), AppFolder);
                dataDir = Join(os, Absolute(os, variable("LOCALAPPDATA")) ?? Join(os, home, "AppData", "Local"), AppFolder);
                break;
            case HostOs.MacOS:
                configDir = dataDir = Join(os, home, "Library", "Application Support", AppFolder);
                break;
            default:
                configDir = Join(os, Absolute(os, variable("XDG_CONFIG_HOME")) ?? Join(os, home, ".config"), AppFolder);
                dataDir = Join(os, Absolute(os, variable("XDG_DATA_HOME")) ?? Join(os, home, ".local", "share"), AppFolder);
                break;
        }
        var store = Join(os, dataDir, "portfoliosync.db");
        return new AppPaths(os, configDir, Join(os, configDir, "config.json"), dataDir, store, store + ".lock");
    }

    /// <summary>How the OS names this place in docs and messages (e.g. <c>%APPDATA%\portfoliosync\config.json</c>).</summary>
    public static string ConventionText(HostOs os) => os switch
    {
        HostOs.Windows => @"%APPDATA%\portfoliosync\config.json; store %LOCALAPPDATA%\portfoliosync\portfoliosync.db",
        HostOs.MacOS => "~/Library/Application Support/portfoliosync/config.json and portfoliosync.db",
        _ => "$XDG_CONFIG_HOME/portfoliosync/config.json (~/.config); store $XDG_DATA_HOME/portfoliosync/portfoliosync.db (~/.local/share)",
    };

    private static string? Absolute(HostOs os, string? path)
    {
        if (string.IsNullOrEmpty(path)) return null;
        var rooted = os == HostOs.Windows
            ? path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] is '\\' or '/' || path.StartsWith(@"\\", StringComparison.Ordinal)
            : path.StartsWith('/');
        return rooted ? path : null;
    }

    private static string Join(HostOs os, params string[] parts)
    {
        var sep = os == HostOs.Windows ? '\\' : '/';
        var result = parts[0];
        foreach (var part in parts.Skip(1))
            result = result.Length > 0 && (result[^1] == sep || result[^1] == '/') ? result + part : result + sep + part;
        return result;
    }
}

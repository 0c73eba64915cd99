using PortfolioSync.Cli.Hosting;

namespace PortfolioSync.Cli.Config;

/// <summary>XDG default locations of the config file and the store.</summary>
public static class ConfigPaths
{
    public static string DefaultConfig(CliEnvironment env) =>
        Path.Combine(env.Variable("XDG_CONFIG_HOME") ?? Path.Combine(env.HomeDirectory, ".config"), "portfoliosync", "config.json");

    public static string DefaultStore(CliEnvironment env) =>
        Path.Combine(env.Variable("XDG_DATA_HOME") ?? Path.Combine(env.HomeDirectory, ".local", "share"), "portfoliosync", "portfoliosync.db");
}

using PortfolioSync.Cli.Hosting;

namespace PortfolioSync.Cli.Config;

/// <summary>Default locations of the config file and the store, per OS (<see cref="AppPaths"/>).</summary>
public static class ConfigPaths
{
    public static string DefaultConfig(CliEnvironment env) => AppPaths.For(env).ConfigFile;

    public static string DefaultStore(CliEnvironment env) => AppPaths.For(env).StoreFile;
}

using System.CommandLine;
using PortfolioSync.Cli.Config;
using Spectre.Console;

namespace PortfolioSync.Cli.Hosting;

/// <summary>
/// What a command's run gets besides its settings: the environment, the global options (--config, --store, --quiet,
/// --verbose) and the console. A command's own options reach it only through its settings record.
/// </summary>
public sealed class CommandContext(ParseResult parse, CliEnvironment env, GlobalOptions global)
{
    /// <summary>The parse result, for <see cref="CliApp"/> to bind the command's settings; commands read their settings.</summary>
    internal ParseResult Parse { get; } = parse;
    public CliEnvironment Env { get; } = env;
    public bool Quiet => Parse.GetValue(global.Quiet);
    public bool Verbose => Parse.GetValue(global.Verbose);

    /// <summary>Whether --config was given.</summary>
    public bool ConfigGiven => Parse.GetValue(global.Config) is not null;

    /// <summary>The config file path: --config, else the OS default (<see cref="AppPaths"/>).</summary>
    public string ConfigPath => Parse.GetValue(global.Config) is { } p ? Env.ExpandPath(p) : ConfigPaths.DefaultConfig(Env);

    /// <summary>Loads and validates the config; --store overrides its store path.</summary>
    public AppConfig LoadConfig()
    {
        var config = ConfigLoader.Load(ConfigPath, Env);
        return Parse.GetValue(global.Store) is { } store ? config with { StorePath = Env.ExpandPath(store) } : config;
    }

    /// <summary>A Spectre console over <see cref="CliEnvironment.Out"/>: colours and live widgets on a terminal only.</summary>
    public IAnsiConsole Console => _console ??= CreateConsole(Env);

    private IAnsiConsole? _console;

    private static IAnsiConsole CreateConsole(CliEnvironment env)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(env.Out),
            Ansi = env.IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = env.IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = env.IsTerminal ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!env.IsTerminal) console.Profile.Width = 160;
        return console;
    }
}

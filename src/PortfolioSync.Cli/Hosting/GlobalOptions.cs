using System.CommandLine;

namespace PortfolioSync.Cli.Hosting;

/// <summary>Options every command accepts (DESIGN.md §7).</summary>
public sealed class GlobalOptions
{
    public Option<string?> Config { get; } = new("--config")
    {
        Description = "Config file (default per OS: ~/.config/portfoliosync/config.json on Linux, see 'status')",
        Recursive = true,
        HelpName = "FILE",
    };

    public Option<string?> Store { get; } = new("--store")
    {
        Description = "Store file, overriding the config's \"store\"",
        Recursive = true,
        HelpName = "FILE",
    };

    public Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "Print errors and the final summary only",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Print how long each phase took (report, value), and stack traces of unexpected errors (never secrets)",
        Recursive = true,
    };

    public void AddTo(Command root)
    {
        root.Options.Add(Config);
        root.Options.Add(Store);
        root.Options.Add(Quiet);
        root.Options.Add(Verbose);
    }
}

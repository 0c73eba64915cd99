using System.CommandLine;
using PortfolioSync.Cli.Hosting;

namespace PortfolioSync.Cli.Commands;

/// <summary>
/// <c>schedule print --os linux|macos|windows</c>: the ready nightly job for the user's own config path and program:
/// a cron line and systemd user units (Linux), a launchd agent (macOS), a Task Scheduler command (Windows).
/// The same recipes, with the default paths, are docs/nightly.md's (a test keeps them equal and runs them).
/// </summary>
public sealed class ScheduleCommand : CliCommand<ScheduleSettings>
{
    private readonly Option<string> _os = new("--os") { Description = "Target OS: linux (cron and systemd), macos (launchd), windows (Task Scheduler); default this one", HelpName = "OS" };
    private readonly Option<string?> _program = new("--program") { Description = "Path of the portfoliosync program the job runs (default: this program when installed, else the usual install path)", HelpName = "PATH" };

    public ScheduleCommand()
    {
        _os.AcceptOnlyFromAmong("linux", "macos", "windows");
        var print = new Command("print", "Print the nightly job (cron line and systemd units, launchd plist, or schtasks command) for your config path");
        print.Options.Add(_os);
        print.Options.Add(_program);
        Definition = new Command("schedule", "Nightly sync on every OS (docs/nightly.md)");
        Definition.Subcommands.Add(print);
    }

    public override Command Definition { get; }

    public override Bound<ScheduleSettings> Bind(ParseResult parse, CliEnvironment env)
    {
        var b = new OptionBinder(parse);
        var os = b.Value(_os) switch
        {
            "linux" => HostOs.Linux,
            "macos" => HostOs.MacOS,
            "windows" => HostOs.Windows,
            _ => env.Os,
        };
        var program = b.Value(_program) is { } given ? env.ExpandPath(given) : null;
        return b.Result(() => new ScheduleSettings(os, program));
    }

    public override Task<ExitCode> RunAsync(ScheduleSettings settings, CommandContext context, CancellationToken ct)
    {
        var env = context.Env;
        var os = settings.Os;
        var home = os == env.Os ? env.HomeDirectory : NightlyRecipes.ConventionalHome(os);
        var program = settings.Program is { } given ? given
            : os == env.Os && env.ProgramPath is { } p && Path.GetFileNameWithoutExtension(p) == "portfoliosync" ? p
            : NightlyRecipes.DefaultProgram(os, home);
        var config = context.ConfigGiven || os == env.Os ? context.ConfigPath
            : AppPaths.For(os, _ => null, NightlyRecipes.ConventionalHome(os)).ConfigFile;
        env.Out.Write(NightlyRecipes.For(os, program, config, home));
        return Task.FromResult(ExitCode.Ok);
    }
}

/// <summary>The options of <c>schedule print</c>: the target OS (default: this one) and the program path (absolute;
/// null: this program when installed, else the usual install path).</summary>
public sealed record ScheduleSettings(HostOs Os, string? Program);

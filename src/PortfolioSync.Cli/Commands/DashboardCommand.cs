using System.CommandLine;
using PortfolioSync.Cli.Hosting;

namespace PortfolioSync.Cli.Commands;

/// <summary>
/// <c>dashboard [--out DIR]</c>: writes <c>DIR/index.html</c> (default <c>reports/dashboard/</c>), one self-contained
/// page with the value over time, today's holdings and allocation, realized gains and income per tax year, the last
/// sync of each account and the open warnings, plus the CSV files its figures come from. The page's day is the last
/// day of the value series (the newest price date, or the last ledger day if later): it depends only on the store.
/// Reads the store, never writes it. <c>sync --dashboard</c> and <c>demo</c> write it the same way
/// (<see cref="DashboardOutput"/>).
/// </summary>
public sealed class DashboardCommand : CliCommand<DashboardSettings>
{
    private readonly Option<string?> _out = new("--out") { Description = "Output folder (default: the config's dashboard folder, else reports/dashboard)", HelpName = "DIR" };

    public DashboardCommand()
    {
        Definition = new Command("dashboard", "Write the dashboard: one self-contained HTML page (index.html) that needs no server and no network");
        Definition.Options.Add(_out);
    }

    public override Command Definition { get; }

    public override Bound<DashboardSettings> Bind(ParseResult parse, CliEnvironment env)
    {
        var b = new OptionBinder(parse);
        var outDir = b.Value(_out) is { } o ? env.ExpandPath(o) : null;
        if (outDir is not null && OutputFolder.FileProblem("--out", outDir) is { } notAFolder) b.Problem(notAFolder);
        return b.Result(() => new DashboardSettings(outDir));
    }

    public override Task<ExitCode> RunAsync(DashboardSettings settings, CommandContext context, CancellationToken ct)
    {
        var config = context.LoadConfig();
        var outDir = settings.OutDir ?? config.DashboardDir ?? context.Env.ExpandPath(DashboardOutput.DefaultDir);
        var page = DashboardOutput.Write(context, config, outDir, ct);
        context.Env.Out.WriteLine($"wrote {page}");
        return Task.FromResult(ExitCode.Ok);
    }
}

/// <summary>The options of <c>dashboard</c>: the output folder (absolute; null: the config's, else reports/dashboard).</summary>
public sealed record DashboardSettings(string? OutDir);

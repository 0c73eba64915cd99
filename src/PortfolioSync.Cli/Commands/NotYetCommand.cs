using System.CommandLine;
using PortfolioSync.Cli.Hosting;

namespace PortfolioSync.Cli.Commands;

/// <summary>A command of DESIGN.md §7 that is not built yet: it says so and exits 2 rather than pretend.</summary>
public sealed class NotYetCommand(string name, string description, int issue) : CliCommand<NotYetSettings>
{
    public override Command Definition { get; } = new(name, description + " (not available yet)")
    {
        TreatUnmatchedTokensAsErrors = false,
    };

    public override Bound<NotYetSettings> Bind(ParseResult parse, CliEnvironment env) =>
        new OptionBinder(parse).Result(() => new NotYetSettings());

    public override Task<ExitCode> RunAsync(NotYetSettings settings, CommandContext context, CancellationToken ct)
    {
        context.Env.Error.WriteLine($"portfoliosync {name}: not available yet (planned in issue #{issue}).");
        return Task.FromResult(ExitCode.Usage);
    }
}

/// <summary>A command that is not built yet takes no options.</summary>
public sealed record NotYetSettings;

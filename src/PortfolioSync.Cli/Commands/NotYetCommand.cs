using System.CommandLine;
using PortfolioSync.Cli.Hosting;

namespace PortfolioSync.Cli.Commands;

/// <summary>A command of DESIGN.md §7 that is not built yet: it says so and exits 2 rather than pretend.</summary>
public sealed class NotYetCommand(string name, string description, int issue) : CliCommand
{
    public override Command Definition { get; } = new(name, description + " (not available yet)")
    {
        TreatUnmatchedTokensAsErrors = false,
    };

    public override Task<ExitCode> RunAsync(CommandContext context, CancellationToken ct)
    {
        context.Env.Error.WriteLine($"portfoliosync {name}: not available yet (planned in issue #{issue}).");
        return Task.FromResult(ExitCode.Usage);
    }
}

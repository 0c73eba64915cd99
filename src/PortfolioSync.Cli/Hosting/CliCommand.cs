using System.CommandLine;

namespace PortfolioSync.Cli.Hosting;

/// <summary>One <c>portfoliosync</c> command: its parser definition and its action.</summary>
public abstract class CliCommand
{
    public abstract Command Definition { get; }

    public abstract Task<ExitCode> RunAsync(CommandContext context, CancellationToken ct);
}

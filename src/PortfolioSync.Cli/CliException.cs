namespace PortfolioSync.Cli;

/// <summary>
/// A failure the user can fix: printed as one line (what, where, how to fix), no stack trace, with its exit code.
/// Messages never carry secret values.
/// </summary>
public sealed class CliException(string message, ExitCode exitCode = ExitCode.Usage, Exception? inner = null)
    : Exception(message, inner)
{
    public ExitCode ExitCode { get; } = exitCode;
}

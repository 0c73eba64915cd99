namespace PortfolioSync.Cli;

/// <summary>Process exit codes (DESIGN.md §7).</summary>
public enum ExitCode
{
    Ok = 0,
    /// <summary>A bug or an unexpected failure; run again with --verbose for the stack trace.</summary>
    Unexpected = 1,
    /// <summary>Bad command line, bad config, unreachable secret, another sync running.</summary>
    Usage = 2,
    /// <summary>Some accounts failed, the others completed.</summary>
    Partial = 3,
    /// <summary>Authentication or permission problem with the exchange.</summary>
    Auth = 4,
    /// <summary>The report was written but is incomplete: a disposal lacks proceeds, cost or fees (no price, or more
    /// sold than held). Its fields and the totals that include it are empty, never zero.</summary>
    Incomplete = 6,
}

using NodaTime;

namespace PortfolioSync.Store;

/// <summary>A sync run. Ids sort in start order.</summary>
public sealed record RunRecord(
    string Id,
    Instant Started,
    Instant? Finished,
    RunStatus Status,
    IReadOnlyList<AccountRunResult> Accounts,
    IReadOnlyList<string> Errors)
{
    /// <summary>The first word of the error a run cut short gets: killed (marked by the next run) or stopped by a signal.</summary>
    public const string InterruptedError = "interrupted";

    /// <summary>Whether the run was cut short; its <see cref="Accounts"/> are then the accounts it finished.</summary>
    public bool Interrupted => Errors.Any(e => e.StartsWith(InterruptedError, StringComparison.Ordinal));
}

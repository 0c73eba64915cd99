using NodaTime;

namespace PortfolioSync.Store;

public enum RunStatus
{
    /// <summary>Started and not finished (still running, or the process died).</summary>
    Running,
    Succeeded,
    /// <summary>Some accounts failed (exit code 3).</summary>
    Partial,
    Failed,
}

/// <summary>What one run did for one account. <paramref name="Error"/> is a user-facing message and never a secret.</summary>
public sealed record AccountRunResult(string Account, long Inserted, long Unchanged, long Changed, long Unmapped, string? Error);

/// <summary>A sync run. Ids sort in start order.</summary>
public sealed record RunRecord(
    string Id,
    Instant Started,
    Instant? Finished,
    RunStatus Status,
    IReadOnlyList<AccountRunResult> Accounts,
    IReadOnlyList<string> Errors);

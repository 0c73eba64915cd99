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
    /// <summary>The error of a run stopped by a signal (SIGINT, SIGTERM) or a cancellation: what it committed is kept.</summary>
    public const string StoppedError = "interrupted";

    /// <summary>The error the next sync gives a run it finds still marked running: its process was killed.</summary>
    public const string KilledError = "interrupted: the process ended before the run finished (what it committed is kept)";

    /// <summary>Whether the run was cut short; its <see cref="Accounts"/> are then the accounts it finished. (Exact
    /// matches: an account's error starts with the account's name, which may be any word.)</summary>
    public bool Interrupted => Errors.Any(e => e is StoppedError or KilledError);
}

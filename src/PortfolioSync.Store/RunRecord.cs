using NodaTime;

namespace PortfolioSync.Store;

/// <summary>A sync run. Ids sort in start order.</summary>
public sealed record RunRecord(
    string Id,
    Instant Started,
    Instant? Finished,
    RunStatus Status,
    IReadOnlyList<AccountRunResult> Accounts,
    IReadOnlyList<string> Errors);

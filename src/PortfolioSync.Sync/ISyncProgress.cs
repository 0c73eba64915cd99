using PortfolioSync.Domain.Warnings;

namespace PortfolioSync.Sync;

/// <summary>
/// What a run reports while it goes: a terminal shows progress bars, cron gets one plain line per page. Called from
/// the accounts' tasks, possibly concurrently, so implementations must be thread-safe.
/// </summary>
public interface ISyncProgress
{
    void AccountStarted(string account);

    void PageCommitted(PageProgress page);

    void Warning(Warning warning);

    void AccountFinished(AccountSyncResult result);

    /// <summary>A request failed and the run waits before retrying it; <paramref name="what"/> says what failed and how long.</summary>
    void Waiting(string what) { }
}

/// <summary>One committed page.</summary>
/// <param name="Number">1-based page number within this account and stream in this run.</param>
/// <param name="TotalRecords">Records of this stream fetched so far in this run.</param>
public sealed record PageProgress(string Account, string Stream, int Number, int Records, int Inserted, int Changed, int Unmapped, long TotalRecords, long? LastId);

/// <summary>Does nothing: for library callers that do not want progress.</summary>
public sealed class SilentProgress : ISyncProgress
{
    public static SilentProgress Instance { get; } = new();

    public void AccountStarted(string account) { }

    public void PageCommitted(PageProgress page) { }

    public void Warning(Warning warning) { }

    public void AccountFinished(AccountSyncResult result) { }
}

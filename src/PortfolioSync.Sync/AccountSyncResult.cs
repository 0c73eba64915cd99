using PortfolioSync.Bitstamp.Errors;
using PortfolioSync.Domain.Warnings;

namespace PortfolioSync.Sync;

/// <summary>What one run did for one account.</summary>
/// <param name="Requests">HTTP requests sent for this account (retries included).</param>
/// <param name="Error">User-facing message when the account failed (never a secret), else null.</param>
/// <param name="IsAuthProblem">The failure is a credential/permission problem (exit code 4 when every account has one).</param>
public sealed record AccountSyncResult(
    string Account,
    long Fetched,
    long Inserted,
    long Unchanged,
    long Changed,
    long Unmapped,
    int Pages,
    long Requests,
    IReadOnlyList<Warning> Warnings,
    string? Error,
    bool IsAuthProblem)
{
    public bool Succeeded => Error is null;
}

/// <summary>What a whole run did.</summary>
public sealed record SyncReport(string RunId, IReadOnlyList<AccountSyncResult> Accounts, PriceSyncResult? Prices)
{
    public bool AllSucceeded => Accounts.All(a => a.Succeeded) && (Prices?.Error is null);

    public IEnumerable<Warning> Warnings => Accounts.SelectMany(a => a.Warnings).Concat(Prices?.Warnings ?? []);
}

/// <summary>What the price stream did.</summary>
public sealed record PriceSyncResult(int Pairs, int Candles, long Requests, IReadOnlyList<Warning> Warnings, string? Error);

namespace PortfolioSync.Store;

/// <summary>What one run did for one account. <paramref name="Error"/> is a user-facing message and never a secret.</summary>
public sealed record AccountRunResult(string Account, long Inserted, long Unchanged, long Changed, long Unmapped, string? Error);

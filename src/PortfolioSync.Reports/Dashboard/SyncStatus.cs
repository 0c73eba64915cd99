using NodaTime;

namespace PortfolioSync.Reports.Dashboard;

/// <summary>The last sync of one account, as the dashboard shows it.</summary>
/// <param name="LastRun">When the last run that synced the account started (UTC); null when it was never synced.</param>
/// <param name="Succeeded">Whether that run synced the account without error; null when it was never synced.</param>
/// <param name="Result">A short user-facing line: <c>ok, 12 new</c> or the error message (never a secret).</param>
public sealed record SyncStatus(string Account, Instant? LastRun, bool? Succeeded, string Result);

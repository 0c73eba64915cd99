using NodaTime;

namespace PortfolioSync.Store;

/// <summary>The balances of one account taken by one run.</summary>
public sealed record BalanceSnapshot(string Account, string RunId, Instant At, IReadOnlyList<BalanceRow> Rows);

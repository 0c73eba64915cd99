using NodaTime;
using PortfolioSync.Domain;

namespace PortfolioSync.Store;

/// <summary>The extent of the stored ledger: first and last instant (null when empty) and every asset it mentions.</summary>
public sealed record LedgerSpan(Instant? First, Instant? Last, IReadOnlySet<Asset> Assets);

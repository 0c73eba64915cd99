using NodaTime;

namespace PortfolioSync.Store;

/// <summary>A stored raw record (current or superseded version).</summary>
/// <param name="Key"><c>{account}/{stream}/{external id}</c>.</param>
/// <param name="Json">The JSON text exactly as received.</param>
/// <param name="FetchedAt">When the store committed it (store clock).</param>
/// <param name="RunId">The run that fetched this version.</param>
/// <param name="Version">1 for the first content seen, +1 for every changed content.</param>
/// <param name="EntryId">The ledger entry mapped from it; null when unmapped.</param>
/// <param name="Problem">Why it is flagged (unmapped or suspicious); null when clean.</param>
/// <param name="IsCurrent">False for a superseded version.</param>
public sealed record RawRecord(
    string Key,
    string Account,
    string Stream,
    long ExternalId,
    string Json,
    Instant FetchedAt,
    string RunId,
    int Version,
    string? EntryId,
    string? Problem,
    bool IsCurrent);

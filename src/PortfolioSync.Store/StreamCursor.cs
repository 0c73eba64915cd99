using NodaTime;

namespace PortfolioSync.Store;

/// <summary>The stored cursor of one account and stream.</summary>
/// <param name="LastExternalId">Where the next incremental fetch starts (ids after this one); null before any record.</param>
/// <param name="LastTimestamp">Time of that record, when known.</param>
/// <param name="UpdatedAt">When the cursor was last written (store clock).</param>
/// <param name="RunId">The run that last wrote it.</param>
public sealed record StreamCursor(
    string Account,
    string Stream,
    long? LastExternalId,
    Instant? LastTimestamp,
    Instant UpdatedAt,
    string RunId);

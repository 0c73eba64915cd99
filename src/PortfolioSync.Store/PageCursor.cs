using NodaTime;

namespace PortfolioSync.Store;

/// <summary>Where the next incremental fetch of a stream starts, as the sync wants it stored.</summary>
/// <param name="LastExternalId">The newest external id fetched (the next request asks for ids after it).</param>
/// <param name="LastTimestamp">The time of that record, when known.</param>
public sealed record PageCursor(long? LastExternalId, Instant? LastTimestamp);

namespace PortfolioSync.FakeBitstamp.Faults;

/// <summary>The faults drawn for one request.</summary>
/// <param name="ServerError">500, 502 or 503 to answer instead of the real response; null for none.</param>
/// <param name="RateLimited">Answer 429 with Retry-After instead of the real response.</param>
/// <param name="DropConnection">Write part of the body, then abort the connection.</param>
internal readonly record struct RequestFaults(TimeSpan Latency, int? ServerError, bool RateLimited, bool DropConnection);

namespace PortfolioSync.FakeBitstamp;

/// <summary>
/// A call to a trading, withdrawal, transfer or address endpoint: recorded whether or not it authenticated, so a
/// test can assert that none ever happened.
/// </summary>
/// <param name="Key">The API key named in <c>X-Auth</c>, or null when there was none.</param>
/// <param name="At">Server time (with any clock offset fault).</param>
public sealed record ForbiddenCall(string Method, string Path, string? Key, DateTimeOffset At);

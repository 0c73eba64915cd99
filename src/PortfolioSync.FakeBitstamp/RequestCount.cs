namespace PortfolioSync.FakeBitstamp;

/// <summary>How many requests reached <paramref name="Path"/> with <paramref name="Key"/> (null: no <c>X-Auth</c>).</summary>
public sealed record RequestCount(string Path, string? Key, int Count);

namespace PortfolioSync.FakeBitstamp;

/// <summary>
/// Requests allowed per API key in a sliding window; over it the server answers HTTP 429
/// <c>{"status":"error","reason":"Rate limit exceeded","code":"400.002"}</c> with <c>Retry-After</c> (seconds).
/// Default 8000 per 10 minutes (ccxt's throttle; Bitstamp's documented threshold is 10,000).
/// </summary>
public sealed record RateLimitSettings
{
    /// <summary>Requests per <see cref="Window"/>; 0 or less turns the limit off.</summary>
    public int PermitLimit { get; init; } = 8000;

    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(10);

    public static RateLimitSettings Default { get; } = new();

    public static RateLimitSettings Unlimited { get; } = new() { PermitLimit = 0 };
}

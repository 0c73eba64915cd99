using System.Threading.RateLimiting;
using PortfolioSync.Bitstamp.Resilience;

namespace PortfolioSync.Bitstamp;

/// <summary>
/// One request pace shared by several clients (<see cref="BitstampClientOptions.SharedPace"/>): Bitstamp's limit may
/// count per customer or per IP rather than per key (bitstamp-api.md §9), so every account of a run draws from the
/// same bucket. Thread-safe. Dispose after the clients that use it.
/// </summary>
public sealed class RequestPace : IDisposable
{
    /// <param name="requestsPerSecond">Steady rate for all clients together (1–100).</param>
    /// <param name="burst">Requests allowed back to back (1–100).</param>
    /// <param name="queueLimit">Requests that may wait for a permit (0–10,000).</param>
    public RequestPace(TimeProvider time, int requestsPerSecond, int burst, int queueLimit = 64)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(requestsPerSecond, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(requestsPerSecond, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(burst, 100);
        ArgumentOutOfRangeException.ThrowIfNegative(queueLimit);
        RequestsPerSecond = requestsPerSecond;
        Limiter = new PacingRateLimiter(time, requestsPerSecond, burst, queueLimit);
    }

    public int RequestsPerSecond { get; }

    internal RateLimiter Limiter { get; }

    public void Dispose() => Limiter.Dispose();
}

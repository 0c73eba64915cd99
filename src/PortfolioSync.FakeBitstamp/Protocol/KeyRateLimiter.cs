namespace PortfolioSync.FakeBitstamp.Protocol;

/// <summary>A sliding-window request count per API key, on the server's clock. Thread-safe.</summary>
internal sealed class KeyRateLimiter(RateLimitSettings settings)
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> calls = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>False when <paramref name="key"/> used up its permits in the window; then <paramref name="retryAfter"/> says when one frees up.</summary>
    public bool TryAcquire(string key, DateTimeOffset now, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (settings.PermitLimit <= 0) return true;
        lock (gate)
        {
            if (!calls.TryGetValue(key, out var log)) calls.Add(key, log = new Queue<DateTimeOffset>());
            while (log.Count > 0 && now - log.Peek() >= settings.Window) log.Dequeue();
            if (log.Count >= settings.PermitLimit)
            {
                retryAfter = settings.Window - (now - log.Peek());
                return false;
            }

            log.Enqueue(now);
            return true;
        }
    }
}

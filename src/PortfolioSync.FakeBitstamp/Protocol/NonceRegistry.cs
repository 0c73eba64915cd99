namespace PortfolioSync.FakeBitstamp.Protocol;

/// <summary>Remembers each (key, nonce) for a window (Bitstamp: 150 s); a nonce seen inside it is refused. Thread-safe.</summary>
internal sealed class NonceRegistry(TimeSpan window)
{
    private readonly Dictionary<string, DateTimeOffset> seen = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, DateTimeOffset At)> order = new();
    private readonly Lock gate = new();

    /// <summary>True and remembered when unused within the window; false when it is a replay.</summary>
    public bool TryUse(string key, string nonce, DateTimeOffset now)
    {
        var id = key + "\n" + nonce;
        lock (gate)
        {
            while (order.Count > 0 && now - order.Peek().At >= window)
            {
                var (old, at) = order.Dequeue();
                if (seen.TryGetValue(old, out var last) && last == at) seen.Remove(old);
            }

            if (seen.TryGetValue(id, out var previous) && now - previous < window) return false;
            seen[id] = now;
            order.Enqueue((id, now));
            return true;
        }
    }
}

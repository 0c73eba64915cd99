using System.Collections.Concurrent;

namespace PortfolioSync.FakeBitstamp;

/// <summary>
/// Counts every request to <c>/api/</c> paths as received (before faults and authentication), per path and API key.
/// Thread-safe. Lets a test assert, for example, that a second sync costs one request per account and stream.
/// </summary>
public sealed class RequestLog
{
    private readonly ConcurrentDictionary<(string Path, string Key), int> counts = new();
    private int total;

    /// <summary>All requests counted since start or the last <see cref="Clear"/>.</summary>
    public int Total => Volatile.Read(ref total);

    /// <summary>Requests to <paramref name="path"/> (e.g. <c>/api/v2/user_transactions/</c>) with any key.</summary>
    public int Count(string path) => counts.Where(kv => kv.Key.Path == path).Sum(kv => kv.Value);

    /// <summary>Requests to <paramref name="path"/> with <paramref name="key"/> (null: requests without a key).</summary>
    public int Count(string path, string? key) => counts.GetValueOrDefault((path, key ?? ""));

    /// <summary>Requests with <paramref name="key"/> to any path.</summary>
    public int CountForKey(string key) => counts.Where(kv => kv.Key.Key == key).Sum(kv => kv.Value);

    /// <summary>The counts ordered by path, then key.</summary>
    public IReadOnlyList<RequestCount> Snapshot() =>
        counts.Select(kv => new RequestCount(kv.Key.Path, kv.Key.Key.Length == 0 ? null : kv.Key.Key, kv.Value))
            .OrderBy(c => c.Path, StringComparer.Ordinal).ThenBy(c => c.Key ?? "", StringComparer.Ordinal).ToArray();

    public void Clear()
    {
        counts.Clear();
        Interlocked.Exchange(ref total, 0);
    }

    internal void Record(string path, string? key)
    {
        counts.AddOrUpdate((path, key ?? ""), 1, (_, n) => n + 1);
        Interlocked.Increment(ref total);
    }
}

using Microsoft.Extensions.Time.Testing;
using PortfolioSync.Bitstamp.Auth;

namespace PortfolioSync.Bitstamp.Tests.Support;

/// <summary>Builders for clients under test.</summary>
public static class Clients
{
    /// <summary>A secret that must never show up in any message, log line or ToString.</summary>
    public const string CanarySecret = "CANARY-s3cr3t-7f9c2e-DO-NOT-PRINT";

    public const string CanaryKey = "canarykey0123456789abcdWXYZ";

    public static ApiCredentials Credentials(string key = CanaryKey, string secret = CanarySecret) =>
        new(new ApiKeyId(key), Secret.FromString(secret));

    /// <summary>Options that keep fake-time tests short: no jitter, small delays, a generous limiter.</summary>
    public static BitstampClientOptions FastOptions(List<string>? log = null) => new()
    {
        UseJitter = false,
        BaseDelay = TimeSpan.FromMilliseconds(100),
        MaxDelay = TimeSpan.FromSeconds(2),
        RequestsPerSecond = 100,
        RateLimitBurst = 100,
        DebugLog = log is null ? null : line => { lock (log) log.Add(line); },
    };

    public static FakeTimeProvider Time() => new(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));

    public static BitstampClient Client(HttpMessageHandler transport, TimeProvider time, BitstampClientOptions? options = null,
        string account = "main", ApiCredentials? credentials = null, string baseUrl = "http://127.0.0.1:5000") =>
        new(account, new Uri(baseUrl), credentials ?? Credentials(), options ?? FastOptions(), time, transport);

    /// <summary>Advances <paramref name="time"/> in small steps until <paramref name="task"/> completes (bounded).</summary>
    public static async Task<T> Drive<T>(FakeTimeProvider time, Task<T> task, TimeSpan? step = null, int maxSteps = 100_000)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            await Task.Delay(1);   // let continuations register their timers
            if (!task.IsCompleted) time.Advance(step ?? TimeSpan.FromMilliseconds(100));
        }
        return await task;
    }

    /// <summary>Waits (briefly, in real time) until <paramref name="condition"/> holds.</summary>
    public static async Task Until(Func<bool> condition, int maxMilliseconds = 5000)
    {
        for (var waited = 0; !condition() && waited < maxMilliseconds; waited += 2) await Task.Delay(2);
        condition().Should().BeTrue("the awaited condition should hold within {0} ms", maxMilliseconds);
    }
}

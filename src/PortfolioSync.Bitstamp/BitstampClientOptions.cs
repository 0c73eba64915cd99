using System.Reflection;

namespace PortfolioSync.Bitstamp;

/// <summary>
/// Tuning of one <see cref="BitstampClient"/>. Every default suits an unattended nightly job: gentle on Bitstamp
/// (8 requests/s against a published 400/s and 10,000 per 10 min), patient with a flaky network (21 attempts over
/// about 8 minutes), and quick to give up on an outage (circuit breaker). Validated when the client is built.
/// </summary>
public sealed class BitstampClientOptions
{
    /// <summary>Where PortfolioSync lives; named in the User-Agent so the exchange's operators can find us.</summary>
    public const string ProjectUrl = "https://github.com/portfoliosync/portfoliosync";

    /// <summary>
    /// <c>PortfolioSync/&lt;version&gt; (+project URL)</c>, the version taken from the assembly's informational version
    /// (the same attribute <c>--version</c> prints, without its <c>+commit</c> suffix).
    /// </summary>
    public static string DefaultUserAgent { get; } =
        $"PortfolioSync/{(typeof(BitstampClientOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0]} (+{ProjectUrl})";

    /// <summary>
    /// Sent as <c>User-Agent</c> on every request (Bitstamp's edge refuses requests without one). Default
    /// <see cref="DefaultUserAgent"/>. Must not be empty.
    /// </summary>
    public string UserAgent { get; set; } = DefaultUserAgent;

    /// <summary>Steady request rate. Default <c>8</c> per second. Range 1–100.</summary>
    public int RequestsPerSecond { get; set; } = 8;

    /// <summary>Requests allowed back to back before pacing starts. Default <c>4</c>. Range 1–100.</summary>
    public int RateLimitBurst { get; set; } = 4;

    /// <summary>Requests that may wait for a permit; beyond that a request is rejected (and retried). Default <c>32</c>.</summary>
    public int RateLimitQueueLimit { get; set; } = 32;

    /// <summary>
    /// Retries after the first attempt. Default <c>20</c> (21 attempts; a call gives up after about 8 minutes of
    /// backoff). Generous on purpose: a storm in which half of all attempts fail (5xx, 429, dropped bodies) makes
    /// streaks of 11 failures likely somewhere in a sync of hundreds of pages, while 21 in a row stays below one in
    /// 300,000 per call. A real outage is cut short by the circuit breaker instead. Range 0–50.
    /// </summary>
    public int MaxRetryAttempts { get; set; } = 20;

    /// <summary>First backoff delay, doubled per retry, with jitter. Default <c>1 s</c>.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap of the computed backoff delay. Default <c>30 s</c>.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Cap of a server's <c>Retry-After</c> (a larger value is clamped to this). Default <c>60 s</c>.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Add random jitter to backoff delays (not to <c>Retry-After</c>). Default <c>true</c>.</summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>Time limit of one attempt, body included. Default <c>30 s</c>.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Percent of failed attempts (5xx, network, timeout; not 429) in the sampling window that opens the circuit. Default <c>80</c>.</summary>
    public int CircuitBreakerFailurePercent { get; set; } = 80;

    /// <summary>Attempts needed in the window before the circuit can open. Default <c>20</c>.</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 20;

    /// <summary>
    /// Window over which failures are counted. Default <c>10 min</c>: long enough to hold one call's whole retry
    /// sequence, so a total outage opens the circuit at the 20th failed attempt and later calls of the same client
    /// fail at once instead of each spending the full retry budget.
    /// </summary>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long an open circuit refuses calls before letting one through. Default <c>5 min</c>.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Receives debug lines (retries, waits, unsigned responses). They name the account, endpoint, status and delay;
    /// never a secret, a key id or a request body. Default none.
    /// </summary>
    public Action<string>? DebugLog { get; set; }

    /// <summary>What a response-signature mismatch does. Default <see cref="ResponseSignatureMode.Warn"/>.</summary>
    public ResponseSignatureMode ResponseSignature { get; set; } = ResponseSignatureMode.Warn;

    /// <summary>
    /// A pace shared with other clients (all accounts of a run): when set, it replaces this client's own rate limiter
    /// (<see cref="RequestsPerSecond"/> and <see cref="RateLimitBurst"/> are then not used). Default none.
    /// </summary>
    public RequestPace? SharedPace { get; set; }

    /// <summary>
    /// Connection failures (refused, name not resolved, host unreachable) are retried at most this many times, so a
    /// machine that cannot reach the exchange learns it in seconds with the real cause. Default <c>2</c>. Range 0–50.
    /// </summary>
    public int MaxConnectRetries { get; set; } = 2;

    /// <summary>Firewall pages (HTML instead of JSON) are retried at most this many times. Default <c>2</c>. Range 0–10.</summary>
    public int MaxFirewallRetries { get; set; } = 2;

    /// <summary>
    /// Receives one line before each retry wait, saying what failed and what it waits for (for progress output, e.g.
    /// "main: POST /api/v2/user_transactions/: connection refused; retry 2 of 20 in 4 s"). No secrets. Default none.
    /// </summary>
    public Action<string>? RetryNotice { get; set; }

    /// <summary>Nonce source for tests; default a fresh lower-case UUID v4 per request.</summary>
    internal Func<string>? NonceFactory { get; set; }

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> naming the first bad option.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(UserAgent) || UserAgent.Any(char.IsControl))
            throw new ArgumentOutOfRangeException(nameof(UserAgent), UserAgent, "must be a non-empty line of text");
        Range(RequestsPerSecond, 1, 100, nameof(RequestsPerSecond));
        Range(RateLimitBurst, 1, 100, nameof(RateLimitBurst));
        Range(RateLimitQueueLimit, 0, 10_000, nameof(RateLimitQueueLimit));
        Range(MaxRetryAttempts, 0, 50, nameof(MaxRetryAttempts));
        Range(MaxConnectRetries, 0, 50, nameof(MaxConnectRetries));
        Range(MaxFirewallRetries, 0, 10, nameof(MaxFirewallRetries));
        if (!Enum.IsDefined(ResponseSignature)) throw new ArgumentOutOfRangeException(nameof(ResponseSignature), ResponseSignature, "must be warn, strict or off");
        Range(CircuitBreakerFailurePercent, 1, 100, nameof(CircuitBreakerFailurePercent));
        Range(CircuitBreakerMinimumThroughput, 2, 10_000, nameof(CircuitBreakerMinimumThroughput));
        Positive(BaseDelay, nameof(BaseDelay));
        Positive(MaxDelay, nameof(MaxDelay));
        Positive(MaxRetryAfter, nameof(MaxRetryAfter));
        Positive(AttemptTimeout, nameof(AttemptTimeout));
        Positive(CircuitBreakerBreakDuration, nameof(CircuitBreakerBreakDuration));
        if (CircuitBreakerSamplingDuration < TimeSpan.FromMilliseconds(500))
            throw new ArgumentOutOfRangeException(nameof(CircuitBreakerSamplingDuration), CircuitBreakerSamplingDuration, "must be at least 0.5 s");
        if (MaxDelay < BaseDelay)
            throw new ArgumentOutOfRangeException(nameof(MaxDelay), MaxDelay, $"must not be below {nameof(BaseDelay)} ({BaseDelay})");
    }

    private static void Range(int value, int min, int max, string name)
    {
        if (value < min || value > max) throw new ArgumentOutOfRangeException(name, value, $"must be {min}–{max}");
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(name, value, "must be positive");
    }
}

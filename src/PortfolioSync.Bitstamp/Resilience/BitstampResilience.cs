using System.Net;
using System.Threading.RateLimiting;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;
using PortfolioSync.Bitstamp.Errors;

namespace PortfolioSync.Bitstamp.Resilience;

/// <summary>
/// Builds the one Polly pipeline a client runs every request through, outermost first:
/// retry (exponential backoff with jitter, <c>Retry-After</c> honoured and clamped) → circuit breaker →
/// rate limiter (<see cref="PacingRateLimiter"/>) → per-attempt timeout. Every strategy takes its time from the
/// given <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// Retried: HTTP 429, 400 with code 400.002, 408, 5xx, <see cref="HttpRequestException"/>, <see cref="IOException"/>
/// (dropped or cut-off bodies), attempt timeouts and rate-limiter rejections. Never retried: other 4xx answers
/// (403 auth/permission errors, bad requests), a response-signature mismatch, a refused endpoint, cancellation.
/// The circuit breaker counts 5xx, network errors and timeouts, not 429.
/// </remarks>
internal static class BitstampResilience
{
    public static ResiliencePipeline<HttpResponseMessage> Build(BitstampClientOptions options, TimeProvider time,
        ClientStatistics statistics, string account)
    {
        options.Validate();
        var log = options.DebugLog;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            ShouldHandle = args => IsTransientAsync(args.Outcome, args.AttemptNumber, options),
            MaxRetryAttempts = options.MaxRetryAttempts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = options.UseJitter,
            Delay = options.BaseDelay,
            MaxDelay = options.MaxDelay,
            DelayGenerator = args => new ValueTask<TimeSpan?>(ServerDelay(args.Outcome, time, options.MaxRetryAfter)),
            OnRetry = args =>
            {
                statistics.CountRetry(args.RetryDelay);
                log?.Invoke($"{account}: attempt {args.AttemptNumber + 1} failed ({Describe(args.Outcome)}); retrying in {args.RetryDelay.TotalMilliseconds:0} ms");
                options.RetryNotice?.Invoke(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{account}: {Describe(args.Outcome)}; waiting {args.RetryDelay.TotalSeconds:0.#} s before retry {args.AttemptNumber + 1} of {options.MaxRetryAttempts}"));
                return default;
            },
        });
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            ShouldHandle = args => new ValueTask<bool>(CountsAsFailure(args.Outcome)),
            FailureRatio = options.CircuitBreakerFailurePercent / 100.0,
            MinimumThroughput = options.CircuitBreakerMinimumThroughput,
            SamplingDuration = options.CircuitBreakerSamplingDuration,
            BreakDuration = options.CircuitBreakerBreakDuration,
            OnOpened = args =>
            {
                log?.Invoke($"{account}: circuit opened for {args.BreakDuration.TotalSeconds:0} s after repeated failures");
                return default;
            },
        });
        builder.AddRateLimiter(options.SharedPace?.Limiter
            ?? new PacingRateLimiter(time, options.RequestsPerSecond, options.RateLimitBurst, options.RateLimitQueueLimit));
        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }

    /// <summary>Whether an outcome is worth another attempt (<paramref name="attempt"/> is 0 for the first).</summary>
    internal static ValueTask<bool> IsTransientAsync(Outcome<HttpResponseMessage> outcome, int attempt, BitstampClientOptions options) =>
        outcome.Exception switch
        {
            null => outcome.Result is { } r ? IsTransientStatusAsync(r, attempt, options) : new ValueTask<bool>(false),
            BrokenCircuitException => new ValueTask<bool>(false),
            FirewallPageException => new ValueTask<bool>(attempt < options.MaxFirewallRetries),
            HttpRequestException h when IsConnectFailure(h) => new ValueTask<bool>(attempt < options.MaxConnectRetries),
            TimeoutRejectedException or RateLimiterRejectedException => new ValueTask<bool>(true),
            HttpRequestException or IOException => new ValueTask<bool>(true),
            _ => new ValueTask<bool>(false),
        };

    /// <summary>The connection could not be made at all: refused, name not resolved, host or network unreachable.</summary>
    internal static bool IsConnectFailure(HttpRequestException e) =>
        e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
        || e.InnerException is System.Net.Sockets.SocketException
        {
            SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused or System.Net.Sockets.SocketError.HostNotFound
                or System.Net.Sockets.SocketError.HostUnreachable or System.Net.Sockets.SocketError.NetworkUnreachable
                or System.Net.Sockets.SocketError.TryAgain,
        };

    /// <summary>An HTML page (the edge firewall's) instead of an API answer.</summary>
    internal static bool IsHtml(ReadOnlySpan<byte> body)
    {
        var trimmed = body.TrimStart(" \t\r\n"u8);
        return trimmed.Length > 0 && trimmed[0] == (byte)'<';
    }

    private static async ValueTask<bool> IsTransientStatusAsync(HttpResponseMessage response, int attempt, BitstampClientOptions options)
    {
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400) return false;   // a redirect is never followed nor retried
        if (status >= 500 || status is 429 or 408) return true;
        if (status == 403)
        {
            var page = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            return IsHtml(page) && attempt < options.MaxFirewallRetries;
        }
        if (status != 400) return false;
        // The body is already buffered: the operation reads every answer in full.
        var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        return ErrorTranslator.IsRateLimit(HttpStatusCode.BadRequest, body);
    }

    private static bool CountsAsFailure(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        null => outcome.Result is { } r && (int)r.StatusCode >= 500,
        TimeoutRejectedException or HttpRequestException or IOException => true,
        _ => false,
    };

    /// <summary>The server's <c>Retry-After</c> (seconds or a date), clamped to [0, <paramref name="max"/>]; null when absent.</summary>
    internal static TimeSpan? ServerDelay(Outcome<HttpResponseMessage> outcome, TimeProvider time, TimeSpan max)
    {
        var retryAfter = outcome.Result?.Headers.RetryAfter;
        TimeSpan? wait = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - time.GetUtcNow() : null);
        if (wait is null && outcome.Exception is RateLimiterRejectedException { RetryAfter: { } local }) wait = local;
        if (wait is null) return null;
        return wait.Value < TimeSpan.Zero ? TimeSpan.Zero : wait.Value > max ? max : wait.Value;
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        HttpRequestException h => h.Message,
        FirewallPageException => "an HTML page from the firewall instead of JSON",
        TimeoutRejectedException => "no answer within the attempt timeout",
        { } e => e.GetType().Name,
        null => $"HTTP {(int)outcome.Result!.StatusCode}",
    };
}

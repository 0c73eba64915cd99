namespace PortfolioSync.FakeBitstamp;

/// <summary>
/// Seeded faults for reliability tests; they apply to <c>/api/</c> paths only. Each request, in arrival order:
/// a delay in [<see cref="LatencyMin"/>, <see cref="LatencyMax"/>]; then with <see cref="ServerErrorRatio"/> an HTTP
/// 500, 502 or 503; then, every <see cref="RateLimitBurstEvery"/>-th request starts a burst of
/// <see cref="RateLimitBurstLength"/> HTTP 429 answers with <c>Retry-After: </c><see cref="RetryAfterSeconds"/>;
/// otherwise the normal answer, of which a fraction <see cref="DropConnectionRatio"/> is cut off after part of the
/// body. Records in <see cref="MalformedRecordIds"/> are served with <c>"datetime":"not a date"</c>; records in
/// <see cref="ChangingRecordIds"/> get a different fee each time they are served after the first (+0.01 per serve).
/// <see cref="ClockOffset"/> skews the server clock (timestamp window, 30-day rules, logs). Same seed and the same
/// sequence of requests give the same faults.
/// </summary>
public sealed record FaultSettings
{
    public int Seed { get; init; } = 1;

    public TimeSpan LatencyMin { get; init; }

    public TimeSpan LatencyMax { get; init; }

    /// <summary>0 .. 1.</summary>
    public double ServerErrorRatio { get; init; }

    /// <summary>0 turns bursts off.</summary>
    public int RateLimitBurstEvery { get; init; }

    public int RateLimitBurstLength { get; init; } = 1;

    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>0 .. 1.</summary>
    public double DropConnectionRatio { get; init; }

    public IReadOnlySet<long> MalformedRecordIds { get; init; } = new HashSet<long>();

    public IReadOnlySet<long> ChangingRecordIds { get; init; } = new HashSet<long>();

    public TimeSpan ClockOffset { get; init; }

    /// <summary>No faults.</summary>
    public static FaultSettings None { get; } = new();

    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names it.</exception>
    public void Validate()
    {
        if (LatencyMin < TimeSpan.Zero || LatencyMax < LatencyMin)
            throw new ArgumentOutOfRangeException(nameof(LatencyMax), "LatencyMin must be >= 0 and LatencyMax >= LatencyMin.");
        if (ServerErrorRatio is < 0 or > 1 || double.IsNaN(ServerErrorRatio))
            throw new ArgumentOutOfRangeException(nameof(ServerErrorRatio), ServerErrorRatio, "ServerErrorRatio must be 0 .. 1.");
        if (DropConnectionRatio is < 0 or > 1 || double.IsNaN(DropConnectionRatio))
            throw new ArgumentOutOfRangeException(nameof(DropConnectionRatio), DropConnectionRatio, "DropConnectionRatio must be 0 .. 1.");
        if (RateLimitBurstEvery < 0) throw new ArgumentOutOfRangeException(nameof(RateLimitBurstEvery), RateLimitBurstEvery, "must be >= 0");
        if (RateLimitBurstLength < 1) throw new ArgumentOutOfRangeException(nameof(RateLimitBurstLength), RateLimitBurstLength, "must be >= 1");
        if (RetryAfterSeconds < 0) throw new ArgumentOutOfRangeException(nameof(RetryAfterSeconds), RetryAfterSeconds, "must be >= 0");
    }
}

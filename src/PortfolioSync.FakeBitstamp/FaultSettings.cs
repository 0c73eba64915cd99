namespace PortfolioSync.FakeBitstamp;

/// <summary>
/// Seeded faults for reliability tests; they apply to <c>/api/</c> paths only. Each request, in arrival order:
/// a delay in [<see cref="LatencyMin"/>, <see cref="LatencyMax"/>]; then with <see cref="ServerErrorRatio"/> an HTTP
/// 500, 502 or 503; then, every <see cref="RateLimitBurstEvery"/>-th request starts a burst of
/// <see cref="RateLimitBurstLength"/> HTTP 429 answers with <c>Retry-After: </c><see cref="RetryAfterSeconds"/>;
/// otherwise the normal answer, of which a fraction <see cref="DropConnectionRatio"/> is cut off after part of the
/// body. Records in <see cref="MalformedRecordIds"/> are served with <c>"datetime":"not a date"</c>; records in
/// <see cref="ChangingRecordIds"/> get a different fee each time they are served after the first (+0.01 per serve).
/// <see cref="ClockOffset"/> skews the server clock (timestamp window, 30-day rules, logs). The realism switches after
/// it reproduce what the real exchange sends (bitstamp-api.md §9): firewall pages, maintenance, redirects, newer
/// rate-limit codes, perpetual markets, serializer drift and short pages. Same seed and the same sequence of requests
/// give the same faults.
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

    /// <summary>
    /// Requests without a <c>User-Agent</c> get the exchange's firewall page (HTML, HTTP 403), as Bitstamp's edge has
    /// answered them. Default <c>true</c>, also in <see cref="None"/>: it is the real exchange's behaviour, not a fault.
    /// </summary>
    public bool RequireUserAgent { get; init; } = true;

    /// <summary>Every <c>/api/</c> request gets a firewall HTML page with this status (403 "Access Denied", 200 challenge). Null: off.</summary>
    public int? FirewallHtmlStatus { get; init; }

    /// <summary>Every <c>/api/</c> request gets <c>{"error":"Bitstamp.net is under scheduled maintenance…"}</c> (HTTP 200).</summary>
    public bool Maintenance { get; init; }

    /// <summary>Every <c>/api/</c> request gets a 302 redirect to this address (a login or captive portal). Null: off.</summary>
    public string? RedirectTo { get; init; }

    /// <summary>
    /// The code of rate-limit bursts: <c>400.002</c> (default) answers HTTP 429 as before; <c>400.067</c> (client level) or
    /// <c>400.068</c> (market level) answer HTTP 400 with that <c>response_code</c>.
    /// </summary>
    public string RateLimitCode { get; init; } = "400.002";

    /// <summary><c>markets/</c> also lists perpetual markets (<c>btcusd-perp</c>, <c>market_type: PERPETUAL</c>) and a disabled spot market.</summary>
    public bool PerpetualMarkets { get; init; }

    /// <summary>
    /// From a record's second serve on, it is written in another era's serialization with the same meaning (keys in
    /// another order, <c>"0.0"</c> zeros as <c>0</c>, numeric strings as JSON numbers where exact).
    /// </summary>
    public bool SerializerDrift { get; init; }

    /// <summary>Every n-th <c>user_transactions</c> page is cut to half its records although more follow. 0: off.</summary>
    public int ShortPageEvery { get; init; }

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
        if (FirewallHtmlStatus is { } html && html is < 100 or > 599)
            throw new ArgumentOutOfRangeException(nameof(FirewallHtmlStatus), html, "must be an HTTP status");
        if (RateLimitCode is not ("400.002" or "400.067" or "400.068"))
            throw new ArgumentOutOfRangeException(nameof(RateLimitCode), RateLimitCode, "must be 400.002, 400.067 or 400.068");
        if (RedirectTo is { } to && !Uri.TryCreate(to, UriKind.Absolute, out _))
            throw new ArgumentOutOfRangeException(nameof(RedirectTo), to, "must be an absolute address");
        if (ShortPageEvery < 0) throw new ArgumentOutOfRangeException(nameof(ShortPageEvery), ShortPageEvery, "must be >= 0");
        if (RetryAfterSeconds < 0) throw new ArgumentOutOfRangeException(nameof(RetryAfterSeconds), RetryAfterSeconds, "must be >= 0");
    }
}

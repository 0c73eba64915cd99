using System.Threading.RateLimiting;

namespace PortfolioSync.Bitstamp.Resilience;

/// <summary>
/// A token bucket driven by a <see cref="TimeProvider"/> (so tests on a fake clock never sleep), in the
/// generic-cell-rate form: one permit per <c>1/rate</c>, up to <c>burst</c> back to back, at most
/// <c>queueLimit</c> callers waiting. A rejected lease carries <see cref="MetadataName.RetryAfter"/>.
/// </summary>
internal sealed class PacingRateLimiter : RateLimiter
{
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly long _intervalTicks;
    private readonly long _toleranceTicks;
    private readonly int _queueLimit;
    private readonly Lock _gate = new();
    private long _theoreticalArrival;
    private int _waiting;
    private long _granted;
    private long _rejected;
    private long _lastActivity;

    public PacingRateLimiter(TimeProvider time, int permitsPerSecond, int burst, int queueLimit)
    {
        _time = time;
        _start = time.GetTimestamp();
        _intervalTicks = TimeSpan.TicksPerSecond / permitsPerSecond;
        _toleranceTicks = _intervalTicks * (burst - 1);
        _queueLimit = queueLimit;
    }

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate) return _waiting > 0 ? null : TimeSpan.FromTicks(Now() - _lastActivity);
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = Now() >= _theoreticalArrival - _toleranceTicks ? 1 : 0,
                CurrentQueuedCount = _waiting,
                TotalSuccessfulLeases = _granted,
                TotalFailedLeases = _rejected,
            };
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        Check(permitCount);
        lock (_gate)
        {
            var now = Now();
            var arrival = Math.Max(_theoreticalArrival, now);
            var allowedAt = arrival - _toleranceTicks;
            if (permitCount == 0) return allowedAt <= now ? Lease.Granted : Lease.Reject(allowedAt - now);
            if (allowedAt > now) return Rejected(allowedAt - now);
            return Grant(arrival, now);
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Check(permitCount);
        long wait;
        lock (_gate)
        {
            var now = Now();
            var arrival = Math.Max(_theoreticalArrival, now);
            var allowedAt = arrival - _toleranceTicks;
            if (allowedAt <= now) return Grant(arrival, now);
            if (_waiting >= _queueLimit) return Rejected(allowedAt - now);
            _waiting++;
            _theoreticalArrival = arrival + _intervalTicks;   // the slot is reserved now
            wait = allowedAt - now;
        }
        try
        {
            await Task.Delay(TimeSpan.FromTicks(wait), _time, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                _granted++;
                _lastActivity = Now();
            }
            return Lease.Granted;
        }
        finally
        {
            lock (_gate) _waiting--;
        }
    }

    private RateLimitLease Grant(long arrival, long now)
    {
        _theoreticalArrival = arrival + _intervalTicks;
        _granted++;
        _lastActivity = now;
        return Lease.Granted;
    }

    private RateLimitLease Rejected(long retryAfterTicks)
    {
        _rejected++;
        return Lease.Reject(retryAfterTicks);
    }

    private long Now() => _time.GetElapsedTime(_start).Ticks;

    private static void Check(int permitCount)
    {
        if (permitCount is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, "one permit per request");
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);

        public static Lease Reject(long ticks) => new(false, TimeSpan.FromTicks(ticks));

        public override bool IsAcquired { get; } = acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}

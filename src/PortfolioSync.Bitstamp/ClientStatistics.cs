namespace PortfolioSync.Bitstamp;

/// <summary>Thread-safe counters of one client; <see cref="Snapshot"/> gives a consistent-enough copy.</summary>
internal sealed class ClientStatistics
{
    private long _requests;
    private long _retries;
    private long _unsigned;
    private long _retryDelayTicks;
    private long _mismatched;

    public void CountRequest() => Interlocked.Increment(ref _requests);

    public void CountRetry(TimeSpan delay)
    {
        Interlocked.Increment(ref _retries);
        Interlocked.Add(ref _retryDelayTicks, delay.Ticks);
    }

    public void CountUnsignedResponse() => Interlocked.Increment(ref _unsigned);

    public void CountSignatureMismatch() => Interlocked.Increment(ref _mismatched);

    public BitstampClientStatistics Snapshot() => new(
        Interlocked.Read(ref _requests), Interlocked.Read(ref _retries),
        TimeSpan.FromTicks(Interlocked.Read(ref _retryDelayTicks)), Interlocked.Read(ref _unsigned),
        Interlocked.Read(ref _mismatched));
}

/// <summary>What one client has done so far.</summary>
/// <param name="Requests">HTTP requests that passed the allow-list and went to the transport (retries included).</param>
/// <param name="Retries">Retries scheduled by the resilience pipeline.</param>
/// <param name="RetryDelay">Sum of the waits before those retries.</param>
/// <param name="UnsignedResponses">Signed requests whose 200 answer had no <c>X-Server-Auth-Signature</c> (accepted).</param>
/// <param name="SignatureMismatches">200 answers whose <c>X-Server-Auth-Signature</c> did not match, accepted under
/// <see cref="ResponseSignatureMode.Warn"/>.</param>
public sealed record BitstampClientStatistics(long Requests, long Retries, TimeSpan RetryDelay, long UnsignedResponses,
    long SignatureMismatches = 0);

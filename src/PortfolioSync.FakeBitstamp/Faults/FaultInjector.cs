using System.Collections.Concurrent;
using System.Globalization;
using PortfolioSync.FakeBitstamp.Data;

namespace PortfolioSync.FakeBitstamp.Faults;

/// <summary>Draws the faults of <see cref="FaultSettings"/> from its seed, request by request. Thread-safe.</summary>
internal sealed class FaultInjector
{
    private static readonly int[] ServerErrors = [500, 502, 503];

    private readonly Random rng;
    private readonly Lock gate = new();
    private readonly ConcurrentDictionary<long, int> serves = new();
    private readonly ConcurrentDictionary<long, int> driftServes = new();
    private long pages;
    private long requests;
    private int burstLeft;

    public FaultInjector(FaultSettings settings)
    {
        settings.Validate();
        Settings = settings;
        rng = new Random(settings.Seed);
    }

    public FaultSettings Settings { get; }

    /// <summary>The faults of the next request, in arrival order.</summary>
    public RequestFaults Next()
    {
        var s = Settings;
        lock (gate)
        {
            requests++;
            var latency = s.LatencyMax > TimeSpan.Zero
                ? s.LatencyMin + TimeSpan.FromTicks((long)((s.LatencyMax - s.LatencyMin).Ticks * rng.NextDouble()))
                : TimeSpan.Zero;
            int? status = s.ServerErrorRatio > 0 && rng.NextDouble() < s.ServerErrorRatio ? ServerErrors[rng.Next(ServerErrors.Length)] : null;
            if (s.RateLimitBurstEvery > 0 && requests % s.RateLimitBurstEvery == 0) burstLeft = s.RateLimitBurstLength;
            var limited = false;
            if (status is null && burstLeft > 0)
            {
                burstLeft--;
                limited = true;
            }

            var drop = status is null && !limited && s.DropConnectionRatio > 0 && rng.NextDouble() < s.DropConnectionRatio;
            return new RequestFaults(latency, status, limited, drop);
        }
    }

    /// <summary>True when this <c>user_transactions</c> page is to be cut short (every <see cref="FaultSettings.ShortPageEvery"/>-th page).</summary>
    public bool NextPageIsShort()
    {
        if (Settings.ShortPageEvery <= 0) return false;
        return Interlocked.Increment(ref pages) % Settings.ShortPageEvery == 0;
    }

    /// <summary>The bytes to serve for a record: as stored, or broken / changed / re-serialized when the settings say so.</summary>
    public ReadOnlyMemory<byte> Serve(UserTransaction record)
    {
        if (Settings.MalformedRecordIds.Contains(record.Id))
            return JsonMemberRewriter.Replace(record.Json.Span, "datetime", "\"not a date\"");
        if (Settings.SerializerDrift)
        {
            var drift = driftServes.AddOrUpdate(record.Id, 1, (_, n) => n + 1);
            return drift == 1 ? record.Json : SerializerDrift.Rewrite(record.Json.Span);
        }
        if (!Settings.ChangingRecordIds.Contains(record.Id)) return record.Json;
        var serve = serves.AddOrUpdate(record.Id, 1, (_, n) => n + 1);
        if (serve == 1) return record.Json;
        var fee = record.Fee + (0.01m * (serve - 1));
        return JsonMemberRewriter.Replace(record.Json.Span, "fee", "\"" + fee.ToString(CultureInfo.InvariantCulture) + "\"");
    }
}

using System.Collections.Concurrent;
using PortfolioSync.FakeBitstamp.Catalog;
using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.FakeBitstamp.Faults;
using PortfolioSync.FakeBitstamp.Protocol;

namespace PortfolioSync.FakeBitstamp.Endpoints;

/// <summary>What the request handlers share: the data, derived markets, clock, faults, nonce memory, limits and logs.</summary>
internal sealed class ServerState
{
    private readonly ConcurrentQueue<ForbiddenCall> forbidden = new();
    private FaultInjector faults;

    public ServerState(FakeServerOptions options)
    {
        Data = options.Data;
        Catalog = new MarketCatalog(options.Data);
        Time = options.Time;
        faults = new FaultInjector(options.Faults);
        Authenticator = new RequestAuthenticator(options.Data, new NonceRegistry(RequestAuthenticator.TimestampWindow),
            new KeyRateLimiter(options.RateLimit));
        Log = options.Log is null ? null : TextWriter.Synchronized(options.Log);
    }

    public ServerData Data { get; }

    public MarketCatalog Catalog { get; }

    public TimeProvider Time { get; }

    public RequestAuthenticator Authenticator { get; }

    public RequestLog Requests { get; } = new();

    public TextWriter? Log { get; }

    public FaultInjector Faults => Volatile.Read(ref faults);

    public IReadOnlyList<ForbiddenCall> ForbiddenCalls => forbidden.ToArray();

    /// <summary>Server time: the clock plus any clock-offset fault.</summary>
    public DateTimeOffset Now => Time.GetUtcNow() + Faults.Settings.ClockOffset;

    /// <summary>Replaces the faults; draws start again from the new seed.</summary>
    public void SetFaults(FaultSettings settings) => Volatile.Write(ref faults, new FaultInjector(settings));

    public void RecordForbidden(ForbiddenCall call) => forbidden.Enqueue(call);

    public void ClearLogs()
    {
        Requests.Clear();
        forbidden.Clear();
    }
}

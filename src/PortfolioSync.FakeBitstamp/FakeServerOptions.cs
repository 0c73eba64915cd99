using PortfolioSync.FakeBitstamp.Data;

namespace PortfolioSync.FakeBitstamp;

/// <summary>Options of <see cref="FakeBitstampServer.StartAsync"/>.</summary>
public sealed record FakeServerOptions
{
    public FakeServerOptions(ServerData data)
    {
        Data = data ?? throw new ArgumentNullException(nameof(data));
    }

    public ServerData Data { get; init; }

    /// <summary>TCP port on 127.0.0.1; 0 (default) picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The server clock (timestamp window, nonce memory, rate limits, 30-day rules). Required, with no default:
    /// the CLI passes its own; tests pass a fake one, or the real one when a real client signs its requests with the
    /// real time.</summary>
    public required TimeProvider Time { get; init; }

    public RateLimitSettings RateLimit { get; init; } = RateLimitSettings.Default;

    public FaultSettings Faults { get; init; } = FaultSettings.None;

    /// <summary>One line per request (method, path, key, status, milliseconds) when set; never secrets.</summary>
    public TextWriter? Log { get; init; }
}

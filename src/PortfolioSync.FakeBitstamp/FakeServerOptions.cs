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

    /// <summary>The server clock (timestamp window, nonce memory, rate limits, 30-day rules). Default <see cref="TimeProvider.System"/>.</summary>
    #pragma warning disable RS0030 // system clock: default for a server started without a clock (tests inject a fake one)
    public TimeProvider Time { get; init; } = TimeProvider.System;
    #pragma warning restore RS0030

    public RateLimitSettings RateLimit { get; init; } = RateLimitSettings.Default;

    public FaultSettings Faults { get; init; } = FaultSettings.None;

    /// <summary>One line per request (method, path, key, status, milliseconds) when set; never secrets.</summary>
    public TextWriter? Log { get; init; }
}

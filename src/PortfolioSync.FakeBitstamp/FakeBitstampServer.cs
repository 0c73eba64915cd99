using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.FakeBitstamp.Endpoints;

namespace PortfolioSync.FakeBitstamp;

/// <summary>
/// A Bitstamp-compatible HTTP server on 127.0.0.1 (Kestrel) serving <see cref="ServerData"/> with Bitstamp's v2
/// authentication, pagination, error shapes and rate limits; trading, withdrawal and transfer endpoints only refuse
/// and are recorded in <see cref="ForbiddenCalls"/>. Start with <see cref="StartAsync"/>; dispose to stop.
/// </summary>
public sealed class FakeBitstampServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ServerState state;
    private int stopped;

    private FakeBitstampServer(WebApplication app, ServerState state, int port)
    {
        this.app = app;
        this.state = state;
        Port = port;
        BaseUrl = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
    }

    /// <summary><c>http://127.0.0.1:PORT</c>, no path.</summary>
    public Uri BaseUrl { get; }

    public int Port { get; }

    public ServerData Data => state.Data;

    /// <summary>Every call to a denied (trading, withdrawal, transfer, address…) endpoint so far, in arrival order.</summary>
    public IReadOnlyList<ForbiddenCall> ForbiddenCalls => state.ForbiddenCalls;

    /// <summary>Requests to <c>/api/</c> per path and key.</summary>
    public RequestLog Requests => state.Requests;

    /// <summary>The faults in force; setting them restarts the fault draws from the new seed.</summary>
    public FaultSettings Faults
    {
        get => state.Faults.Settings;
        set => state.SetFaults(value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>Starts listening on 127.0.0.1:<see cref="FakeServerOptions.Port"/> (0 = a free port).</summary>
    /// <exception cref="IOException">The port cannot be bound.</exception>
    public static async Task<FakeBitstampServer> StartAsync(FakeServerOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = new ServerState(options);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(FakeBitstampServer).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 64 * 1024;
            k.Listen(IPAddress.Loopback, options.Port);
        });
        var app = builder.Build();
        var router = new ApiRouter(state, new AdminEndpoints(state));
        app.Run(router.HandleAsync);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FakeBitstampServer(app, state, new Uri(address).Port);
    }

    /// <summary>Stops accepting requests and finishes the ones in flight (or gives up when <paramref name="ct"/> fires).</summary>
    public async Task StopAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref stopped, 1) == 0) await app.StopAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }
}

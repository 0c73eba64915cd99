using PortfolioSync.Bitstamp;
using PortfolioSync.Bitstamp.Auth;
using PortfolioSync.FakeBitstamp;
using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.Store;

namespace PortfolioSync.Sync.Tests;

/// <summary>A local Bitstamp-compatible server over real loopback HTTP and a real LiteDB store file in a temp folder.</summary>
public sealed class SyncHarness : IAsyncDisposable
{
    private readonly DirectoryInfo _dir;

    private SyncHarness(FakeBitstampServer server, DirectoryInfo dir)
    {
        Server = server;
        _dir = dir;
        StorePath = Path.Combine(dir.FullName, "portfoliosync.db");
    }

    public FakeBitstampServer Server { get; }

    public string StorePath { get; }

    /// <summary>Short backoff so that fault tests take seconds; everything else as shipped.</summary>
    public static BitstampClientOptions QuickRetries => new()
    {
        BaseDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(500),
        MaxRetryAfter = TimeSpan.FromSeconds(1),
        RequestsPerSecond = 100,
        RateLimitBurst = 100,
    };

    /// <param name="store">A store file to start from (copied), e.g. one a first sync of the same data wrote
    /// (<see cref="SyncedStore"/>); none: a new store.</param>
    public static async Task<SyncHarness> StartAsync(ServerData data, FaultSettings? faults = null, string? store = null)
    {
        var server = await FakeBitstampServer.StartAsync(new FakeServerOptions(data)
        {
            Time = TimeProvider.System,
            Faults = faults ?? FaultSettings.None,
            RateLimit = RateLimitSettings.Unlimited,
        }, CancellationToken.None);
        var harness = new SyncHarness(server, Directory.CreateTempSubdirectory("psync-sync-"));
        if (store is not null) File.Copy(store, harness.StorePath);
        return harness;
    }

    /// <summary>
    /// What one full sync of <paramref name="data"/> into a new store gave: its report, the forbidden calls the server
    /// saw, and a copy of the store it wrote (kept until the test process ends), for tests that start from a synced
    /// store instead of each syncing the same data again.
    /// </summary>
    public static async Task<SyncedStore> FirstSyncAsync(ServerData data)
    {
        await using var h = await StartAsync(data);
        var report = await h.SyncAsync();
        var folder = Directory.CreateTempSubdirectory("psync-sync-template-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
        };
        var copy = Path.Combine(folder, "portfoliosync.db");
        File.Copy(h.StorePath, copy);
        return new SyncedStore(copy, report, h.Server.ForbiddenCalls.ToList());
    }

    public async Task<SyncReport> SyncAsync(SyncOptions? options = null, BitstampClientOptions? clientOptions = null,
        Func<AccountData, string>? secretOf = null, IEnumerable<string>? only = null, ISyncProgress? progress = null)
    {
        var clients = new List<BitstampClient>();
        try
        {
            var accounts = new List<SyncAccount>();
            foreach (var account in Server.Data.Accounts)
            {
                if (only is not null && !only.Contains(account.Name)) continue;
                var credentials = new ApiCredentials(new ApiKeyId(account.Key), Secret.FromString(secretOf?.Invoke(account) ?? account.Secret));
                var client = new BitstampClient(account.Name, Server.BaseUrl, credentials, clientOptions ?? QuickRetries, TimeProvider.System);
                clients.Add(client);
                accounts.Add(new SyncAccount(account.Name, account.IsMain, client));
            }
            var prices = new BitstampClient("prices", Server.BaseUrl, null, clientOptions ?? QuickRetries, TimeProvider.System);
            clients.Add(prices);
            using var store = PortfolioStore.Open(StorePath, new StoreOptions { Time = TimeProvider.System });
            var engine = new SyncEngine(store, TimeProvider.System, options ?? new SyncOptions(), progress);
            return await engine.RunAsync(accounts, prices, CancellationToken.None);
        }
        finally
        {
            foreach (var c in clients) c.Dispose();
        }
    }

    public T WithStore<T>(Func<PortfolioStore, T> read)
    {
        using var store = PortfolioStore.Open(StorePath, new StoreOptions { Time = TimeProvider.System });
        return read(store);
    }

    public string CanonicalExport() => WithStore(s =>
    {
        var writer = new StringWriter();
        s.CanonicalExport(writer);
        return writer.ToString();
    });

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try { _dir.Delete(recursive: true); }
        catch (IOException) { }
    }
}

/// <summary>A store a first full sync wrote (<see cref="SyncHarness.FirstSyncAsync"/>), with that sync's report.</summary>
public sealed record SyncedStore(string Path, SyncReport Report, IReadOnlyList<ForbiddenCall> ForbiddenCalls);

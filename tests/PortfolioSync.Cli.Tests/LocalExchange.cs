using PortfolioSync.FakeBitstamp;
using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.FakeBitstamp.Generation;

namespace PortfolioSync.Cli.Tests;

/// <summary>The local Bitstamp-compatible server over loopback and a config pointing at it, secrets in env variables.</summary>
public sealed class LocalExchange : IAsyncDisposable
{
    private static readonly Lazy<ServerData> Generated = new(() =>
        SampleDataGenerator.Generate(new GeneratorOptions { Records = 3000, Accounts = 3, Seed = 5 }));

    private LocalExchange(FakeBitstampServer server) => Server = server;

    public FakeBitstampServer Server { get; }

    public static async Task<LocalExchange> StartAsync(ServerData? data = null) =>
        new(await FakeBitstampServer.StartAsync(new FakeServerOptions(data ?? Generated.Value) { Time = TimeProvider.System, RateLimit = RateLimitSettings.Unlimited }, CancellationToken.None));

    public static ServerData Data => Generated.Value;

    /// <summary>
    /// The store a first <c>sync</c> of <see cref="Data"/> wrote (through the program, over loopback HTTP), once per test
    /// process, kept until it ends: tests about what a later sync does start from a copy (<see cref="CopySyncedStoreTo"/>)
    /// instead of each syncing the same history into a new store first.
    /// </summary>
    private static readonly Lazy<Task<string>> SyncedStore = new(async () =>
    {
        await using var exchange = await StartAsync();
        using var cli = new CliRun { Time = TimeProvider.System };
        var sync = await cli.RunAsync("sync", "--config", exchange.WriteConfig(cli), "--quiet");
        if (sync.ExitCode != 0) throw new InvalidOperationException($"the first sync of the shared store failed: exit {sync.ExitCode}\n{sync.All}");
        var folder = ProcessTempFolder.Create("psync-cli-synced-");
        var path = Path.Combine(folder, "portfoliosync.db");
        File.Copy(cli.PathIn(StoreRelative), path);
        return path;
    });

    /// <summary>The store path every config of <see cref="WriteConfig"/> names, relative to the run's home.</summary>
    public const string StoreRelative = "store/portfoliosync.db";

    /// <summary>Puts a copy of the store a first sync of <see cref="Data"/> wrote where <see cref="WriteConfig"/>'s config
    /// names it (the history, balances and prices of all three accounts, one run).</summary>
    public static async Task CopySyncedStoreTo(CliRun cli)
    {
        var template = await SyncedStore.Value;
        var target = cli.PathIn(StoreRelative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(template, target, overwrite: false);
    }

    /// <summary>Writes config.json into the run's home with env: references, and sets those variables.</summary>
    public string WriteConfig(CliRun cli, Func<AccountData, string>? secretOf = null)
    {
        var accounts = new List<string>();
        foreach (var a in Server.Data.Accounts)
        {
            var name = a.Name.ToUpperInvariant().Replace('-', '_');
            cli.Variables[$"BS_{name}_KEY"] = a.Key;
            cli.Variables[$"BS_{name}_SECRET"] = secretOf?.Invoke(a) ?? a.Secret;
            accounts.Add($$"""{ "name": "{{a.Name}}", "key": "env:BS_{{name}}_KEY", "secret": "env:BS_{{name}}_SECRET" }""");
        }
        return cli.Write("config.json", $$"""
            {
              "baseCurrency": "GBP",
              "jurisdiction": "uk",
              "store": "{{StoreRelative}}",
              "baseUrl": "{{Server.BaseUrl}}",
              "requestsPerSecond": 100,
              "accounts": [ {{string.Join(",\n", accounts)}} ]
            }
            """);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

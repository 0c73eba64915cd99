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
        new(await FakeBitstampServer.StartAsync(new FakeServerOptions(data ?? Generated.Value) { RateLimit = RateLimitSettings.Unlimited }, CancellationToken.None));

    public static ServerData Data => Generated.Value;

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
              "store": "store/portfoliosync.db",
              "baseUrl": "{{Server.BaseUrl}}",
              "requestsPerSecond": 100,
              "accounts": [ {{string.Join(",\n", accounts)}} ]
            }
            """);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

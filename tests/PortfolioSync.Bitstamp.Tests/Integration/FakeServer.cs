using PortfolioSync.Bitstamp.Auth;
using PortfolioSync.FakeBitstamp;
using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.FakeBitstamp.Generation;

namespace PortfolioSync.Bitstamp.Tests.Integration;

/// <summary>Generated data (shared, built once) and per-test servers over real loopback HTTP.</summary>
public static class FakeServer
{
    private static readonly Lazy<ServerData> Generated = new(() =>
        SampleDataGenerator.Generate(new GeneratorOptions { Records = 6000, Accounts = 3, Seed = 11 }));

    private static readonly Lazy<ServerData> Sample = new(SampleDataGenerator.Sample);

    public static ServerData GeneratedData => Generated.Value;

    public static ServerData SampleData => Sample.Value;

    public static Task<FakeBitstampServer> StartAsync(ServerData? data = null, FaultSettings? faults = null) =>
        FakeBitstampServer.StartAsync(new FakeServerOptions(data ?? GeneratedData)
        {
            Time = TimeProvider.System,
            Faults = faults ?? FaultSettings.None,
            RateLimit = RateLimitSettings.Unlimited,
        }, CancellationToken.None);

    public static ApiCredentials CredentialsOf(AccountData account, string? secret = null) =>
        new(new ApiKeyId(account.Key), Secret.FromString(secret ?? account.Secret));

    public static BitstampClient ClientFor(FakeBitstampServer server, AccountData account, BitstampClientOptions? options = null,
        string? secret = null) =>
        new(account.Name, server.BaseUrl, CredentialsOf(account, secret), options ?? new BitstampClientOptions(), TimeProvider.System);
}

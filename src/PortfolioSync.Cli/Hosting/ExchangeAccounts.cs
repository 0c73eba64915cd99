using PortfolioSync.Bitstamp;
using PortfolioSync.Bitstamp.Auth;
using PortfolioSync.Cli.Config;
using PortfolioSync.Cli.Secrets;

namespace PortfolioSync.Cli.Hosting;

/// <summary>Resolves the configured accounts' credentials (all of them, before any network I/O) and builds their clients.</summary>
public static class ExchangeAccounts
{
    /// <summary>The accounts named in <paramref name="only"/> (all when empty), in config order.</summary>
    /// <exception cref="CliException">An unknown account name (exit 2).</exception>
    public static IReadOnlyList<AccountConfig> Select(AppConfig config, IReadOnlyList<string> only)
    {
        if (only.Count == 0) return config.Accounts;
        var unknown = only.Where(n => config.Accounts.All(a => a.Name != n)).ToList();
        if (unknown.Count > 0)
            throw new CliException($"no account named {string.Join(", ", unknown.Select(u => $"'{u}'"))} in {config.SourcePath}; the accounts are {string.Join(", ", config.Accounts.Select(a => a.Name))}");
        return config.Accounts.Where(a => only.Contains(a.Name)).ToList();
    }

    /// <summary>Resolves the key and secret of every account that has one (accounts without a key hold imported
    /// records only and are left out); all failures are reported together (exit 2).</summary>
    public static async Task<IReadOnlyList<(AccountConfig Account, ApiCredentials Credentials)>> ResolveAsync(
        IReadOnlyList<AccountConfig> accounts, CliEnvironment env, CancellationToken ct)
    {
        var resolver = new CredentialResolver(env);
        var resolved = new List<(AccountConfig, ApiCredentials)>();
        var problems = new List<string>();
        foreach (var account in accounts.Where(a => a.HasKey))
        {
            // The key and the secret on their own: when both are unreachable, both are said at once (as status does).
            ApiKeyId? key = null;
            Secret? secret = null;
            try
            {
                key = await resolver.ResolveKeyAsync(account, ct).ConfigureAwait(false);
            }
            catch (SecretUnavailableException e)
            {
                problems.Add(e.Message);
            }
            try
            {
                secret = await resolver.ResolveSecretAsync(account, ct).ConfigureAwait(false);
            }
            catch (SecretUnavailableException e)
            {
                problems.Add(e.Message);
            }
            if (key is not null && secret is not null) resolved.Add((account, new ApiCredentials(key, secret)));
            else secret?.Dispose();
        }
        if (problems.Count > 0)
        {
            foreach (var (_, c) in resolved) c.Secret.Dispose();
            throw new CliException(problems.Count == 1 ? problems[0] : "secrets are not reachable:\n  " + string.Join("\n  ", problems));
        }
        return resolved;
    }

    public static BitstampClient Client(string account, ApiCredentials? credentials, AppConfig config, TimeProvider time,
        RequestPace? pace = null, Action<string>? retryNotice = null)
    {
        var options = Options(config);
        options.SharedPace = pace;
        options.RetryNotice = retryNotice;
        return new(account, config.BaseUrl, credentials, options, time);
    }

    /// <summary>The one pace every client of a run shares (<c>requestsPerSecond</c> is for all accounts together).</summary>
    public static RequestPace Pace(AppConfig config, TimeProvider time) =>
        new(time, config.RequestsPerSecond, Math.Max(4, config.RequestsPerSecond / 2));

    public static BitstampClientOptions Options(AppConfig config, int? maxRetries = null)
    {
        var options = new BitstampClientOptions
        {
            RequestsPerSecond = config.RequestsPerSecond,
            RateLimitBurst = Math.Max(4, config.RequestsPerSecond / 2),
            ResponseSignature = config.ResponseSignature,
        };
        if (maxRetries is { } n) options.MaxRetryAttempts = n;
        return options;
    }
}

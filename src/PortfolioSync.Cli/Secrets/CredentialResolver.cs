using System.Text;
using PortfolioSync.Bitstamp.Auth;
using PortfolioSync.Cli.Config;
using PortfolioSync.Cli.Hosting;

namespace PortfolioSync.Cli.Secrets;

/// <summary>Resolves an account's key id and secret from their references.</summary>
public sealed class CredentialResolver(CliEnvironment env)
{
    private readonly SecretResolver _secrets = new(env);

    public async Task<ApiCredentials> ResolveAsync(AccountConfig account, CancellationToken ct)
    {
        var key = await ResolveKeyAsync(account, ct).ConfigureAwait(false);
        var secret = await ResolveSecretAsync(account, ct).ConfigureAwait(false);
        return new ApiCredentials(key, secret);
    }

    public async Task<ApiKeyId> ResolveKeyAsync(AccountConfig account, CancellationToken ct)
    {
        if (account.Key is null) throw NoKey(account);
        if (account.Key.Literal is { } literal) return new ApiKeyId(literal);
        using var secret = await _secrets.ResolveAsync(account.Key.Reference!, account.Name, "key", ct).ConfigureAwait(false);
        var text = secret.Use(bytes => Encoding.UTF8.GetString(bytes));
        if (text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            throw new SecretUnavailableException(account.Name, "key", account.Key.Reference!, "the key id contains blanks or control characters");
        return new ApiKeyId(text);
    }

    public Task<Secret> ResolveSecretAsync(AccountConfig account, CancellationToken ct) =>
        account.Secret is null ? throw NoKey(account) : _secrets.ResolveAsync(account.Secret, account.Name, "secret", ct);

    private static InvalidOperationException NoKey(AccountConfig account) =>
        new($"account '{account.Name}' has no key in the config (its history is imported from CSV exports)");
}

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
        var secret = await _secrets.ResolveAsync(SecretOf(account), account.Name, "secret", ct).ConfigureAwait(false);
        return new ApiCredentials(key, secret);
    }

    public async Task<ApiKeyId> ResolveKeyAsync(AccountConfig account, CancellationToken ct)
    {
        var source = account.Key ?? throw NoKey(account);
        if (source.Literal is { } literal) return new ApiKeyId(literal);
        using var secret = await _secrets.ResolveAsync(source.Reference!, account.Name, "key", ct).ConfigureAwait(false);
        var text = secret.Use(bytes => Encoding.UTF8.GetString(bytes));
        if (text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            throw new SecretUnavailableException(account.Name, "key", source.Reference!, "the key id contains blanks or control characters");
        return new ApiKeyId(text);
    }

    public Task<Secret> ResolveSecretAsync(AccountConfig account, CancellationToken ct) =>
        _secrets.ResolveAsync(SecretOf(account), account.Name, "secret", ct);

    private static SecretReference SecretOf(AccountConfig account) => account.Secret ?? throw NoKey(account);

    // Callers pass only accounts with a key (AccountConfig.HasKey); one without is imported records only.
    private static InvalidOperationException NoKey(AccountConfig account) =>
        new($"account '{account.Name}' has no key: it holds imported records only");
}

namespace PortfolioSync.Cli.Secrets;

/// <summary>A secret reference that could not be resolved. The message names account, field and reference — never a value.</summary>
public sealed class SecretUnavailableException(string account, string field, SecretReference reference, string problem)
    : Exception($"account '{account}': {field} {reference}: {problem}")
{
    public string Account { get; } = account;
    public string Field { get; } = field;
    public SecretReference Reference { get; } = reference;
    public string Problem { get; } = problem;
}

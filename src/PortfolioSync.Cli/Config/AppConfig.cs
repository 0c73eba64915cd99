using NodaTime;
using PortfolioSync.Cli.Secrets;
using PortfolioSync.Domain;
using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Tax;

namespace PortfolioSync.Cli.Config;

/// <summary>A loaded, fully validated configuration (DESIGN.md §7). Holds references to secrets, never values.</summary>
public sealed record AppConfig
{
    public required string SourcePath { get; init; }
    public required Asset BaseCurrency { get; init; }
    public required Jurisdiction Jurisdiction { get; init; }
    /// <summary>Config <c>method</c> (default: the jurisdiction's).</summary>
    public required CostBasisMethod Method { get; init; }
    /// <summary>Config <c>poolScope</c> (default: the jurisdiction's).</summary>
    public required PoolScope PoolScope { get; init; }
    /// <summary>Config <c>cryptoFeesAreDisposals</c> (default: the jurisdiction's, true for uk and us).</summary>
    public bool CryptoFeesAreDisposals { get; init; } = true;
    /// <summary>Config <c>withdrawalsAreDisposals</c>. Default false.</summary>
    public bool WithdrawalsAreDisposals { get; init; }
    /// <summary>Config <c>transferWindowMinutes</c>. Default <see cref="CostBasisOptions.DefaultTransferWindow"/>.</summary>
    public Duration TransferWindow { get; init; } = CostBasisOptions.DefaultTransferWindow;
    public required DateTimeZone TimeZone { get; init; }
    public required TaxYearRule TaxYear { get; init; }
    public required string StorePath { get; init; }
    public required Uri BaseUrl { get; init; }
    public required FiatSet Fiat { get; init; }
    /// <summary>Optional manual-costs.csv (costs of deposits from outside).</summary>
    public string? ManualCostsPath { get; init; }
    /// <summary>Request rate per account key. Default 8 per second (Bitstamp allows 8000 per 10 minutes by default).</summary>
    public int RequestsPerSecond { get; init; } = 8;
    /// <summary>Accounts synced at the same time. Default 1.</summary>
    public int ParallelAccounts { get; init; } = 1;
    public required IReadOnlyList<AccountConfig> Accounts { get; init; }
}

/// <summary>One Bitstamp account (main or a subaccount) and where its read-only key lives.</summary>
public sealed record AccountConfig(string Name, CredentialSource Key, SecretReference Secret, bool IsMain);

/// <summary>
/// Where an API key id comes from: a secret reference, or the key id written in the config (allowed because a key id
/// alone cannot sign; it is still shown only as its last 4 characters).
/// </summary>
public sealed record CredentialSource(SecretReference? Reference, string? Literal)
{
    public override string ToString() => Reference?.ToString() ?? "config";
}

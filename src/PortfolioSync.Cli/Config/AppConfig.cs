using NodaTime;
using PortfolioSync.Cli.Secrets;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Tax;

namespace PortfolioSync.Cli.Config;

/// <summary>A loaded, fully validated configuration (DESIGN.md §7). Holds references to secrets, never values.</summary>
public sealed record AppConfig
{
    public required string SourcePath { get; init; }
    public required Asset BaseCurrency { get; init; }
    public required Jurisdiction Jurisdiction { get; init; }
    /// <summary>fifo, lifo, hifo, average, uk or fr-portfolio.</summary>
    public required string Method { get; init; }

    /// <summary>The engine's method: <see cref="Method"/>, or FIFO under fr-portfolio (whose taxable figures are
    /// computed beside the engine; the common files keep FIFO lots, marked informational).</summary>
    public Domain.CostBasis.CostBasisMethod EngineMethod => Method == JurisdictionDefaults.FrenchPortfolioMethodName
        ? Domain.CostBasis.CostBasisMethod.Fifo : Domain.CostBasis.CostBasisMethodText.Parse(Method);
    /// <summary>universal or per-account.</summary>
    public required string PoolScope { get; init; }
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

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
    /// <summary>With <see cref="PoolScope"/> per-account-from: its date (<c>poolScope: per-account-from:YYYY-MM-DD</c>;
    /// default for us: 2025-01-01).</summary>
    public LocalDate? PoolScopeFrom { get; init; }
    /// <summary>Config <c>cryptoToCrypto</c>: <c>once</c> (default) or <c>each-leg</c> (HMRC CRYPTO22257's two values).</summary>
    public CryptoToCryptoValuation CryptoToCrypto { get; init; } = CryptoToCryptoValuation.Once;
    /// <summary>Config <c>stakingConversionsAreDisposals</c>: staking that credits another asset (ETH sent, ETH2
    /// credited) is an exchange of one for the other. Default false: the lots and dates cross the conversion.</summary>
    public bool StakingConversionsAreDisposals { get; init; }
    /// <summary>Config <c>maxPriceAgeDays</c>: how many days a close may be carried over a gap. Default 7.</summary>
    public int MaxPriceAgeDays { get; init; } = Domain.Pricing.PriceBook.DefaultMaxPriceAgeDays;
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
    /// <summary>
    /// Request rate of a whole run, all accounts together (Bitstamp's limit may count per customer or IP, not per key).
    /// Default 8 per second (Bitstamp allows 10,000 per 10 minutes by default).
    /// </summary>
    public int RequestsPerSecond { get; init; } = 8;
    /// <summary>What a response-signature mismatch does: warn (default), strict or off.</summary>
    public PortfolioSync.Bitstamp.ResponseSignatureMode ResponseSignature { get; init; } = PortfolioSync.Bitstamp.ResponseSignatureMode.Warn;
    /// <summary>Accounts synced at the same time. Default 1.</summary>
    public int ParallelAccounts { get; init; } = 1;
    /// <summary>Where <c>sync</c> rewrites the dashboard after each sync; null: only with <c>sync --dashboard</c>.</summary>
    public string? DashboardDir { get; init; }
    /// <summary>Rotating copies of the store taken before each sync writes (<c>{store}.backup-1</c> newest). Default 3; 0 = none.</summary>
    public int Backups { get; init; } = 3;
    public required IReadOnlyList<AccountConfig> Accounts { get; init; }
}

/// <summary>One Bitstamp account (main or a subaccount) and where its read-only key lives.</summary>
/// <summary>One configured account. Without <see cref="Key"/> and <see cref="Secret"/> it holds imported records only
/// (<c>import bitstamp-csv</c>): <c>sync</c> does not call the exchange for it, <c>status</c> and <c>check</c> say so.</summary>
public sealed record AccountConfig(string Name, CredentialSource? Key, SecretReference? Secret, bool IsMain)
{
    /// <summary>Whether the account has an API key (else: imported records only).</summary>
    public bool HasKey => Key is not null && Secret is not null;
}

/// <summary>
/// Where an API key id comes from: a secret reference, or the key id written in the config (allowed because a key id
/// alone cannot sign; it is still shown only as its last 4 characters).
/// </summary>
public sealed record CredentialSource(SecretReference? Reference, string? Literal)
{
    public override string ToString() => Reference?.ToString() ?? "config";
}

using NodaTime;
using PortfolioSync.Domain.Tax;

namespace PortfolioSync.Domain.CostBasis;

/// <summary>
/// Everything the engine needs besides the ledger and prices. Immutable; change with <c>with</c>. Start from
/// <see cref="For(CostBasisMethod, Jurisdiction)"/>, which fills the jurisdiction's defaults.
/// </summary>
public sealed record CostBasisOptions
{
    public required CostBasisMethod Method { get; init; }

    /// <value>Default <see cref="PoolScope.Universal"/> (US: <see cref="PoolScope.PerAccountFrom"/> 2025-01-01).</value>
    public PoolScope Scope { get; init; } = PoolScope.Universal;

    /// <summary>Scope <see cref="PoolScope.PerAccountFrom"/>: the date (zone) from which pools are per account.</summary>
    /// <value>Default null; required with that scope.</value>
    public LocalDate? PerAccountFrom { get; init; }

    /// <summary>The accounts in config order: scope <see cref="PoolScope.PerAccountFrom"/> allocates lots to them in
    /// this order. Accounts not listed follow in ordinal order.</summary>
    public IReadOnlyList<string> AccountOrder { get; init; } = [];

    /// <summary>How a crypto-to-crypto trade is valued.</summary>
    /// <value>Default <see cref="CryptoToCryptoValuation.Once"/>.</value>
    public CryptoToCryptoValuation CryptoToCrypto { get; init; } = CryptoToCryptoValuation.Once;

    /// <summary>The currency every cost, proceed, fee and gain is expressed in. Always treated as fiat.</summary>
    public required Asset BaseCurrency { get; init; }

    /// <summary>Money, not assets: fiat balances are not lots, fiat legs are valued in the base currency.</summary>
    /// <value>Default <see cref="Asset.DefaultFiat"/>.</value>
    public FiatSet FiatSet { get; init; } = Asset.DefaultFiat;

    /// <summary>Dates of events (UK day matching, tax years, holding periods) are taken in this zone.</summary>
    public required DateTimeZone Zone { get; init; }

    public required TaxYearRule TaxYearRule { get; init; }

    /// <summary>A fee paid in a cryptoasset is itself a disposal of that asset at market value.</summary>
    /// <value>Default true (HMRC and IRS treatment). When false, the fee's tokens leave the pool as a
    /// <see cref="CostBasisResult.FeeRemovals"/> entry and their own cost is not relieved.</value>
    public bool CryptoFeesAreDisposals { get; init; } = true;

    /// <summary>A withdrawal to outside is a disposal at market value instead of lots leaving to <c>External</c>.</summary>
    /// <value>Default false.</value>
    public bool WithdrawalsAreDisposals { get; init; }

    /// <summary>
    /// Staking that credits another asset than it took (ETH → ETH2) is an exchange: a disposal of what was staked at
    /// market value. See <see cref="StakingConversions"/>.
    /// </summary>
    /// <value>Default false: lots keep their dates and costs across the conversion.</value>
    public bool StakingConversionsAreDisposals { get; init; }

    /// <summary>Costs for deposits whose cost the ledger cannot know.</summary>
    public IReadOnlyList<ManualCost> ManualCosts { get; init; } = [];

    /// <summary>Instants at which to report holdings (e.g. tax year ends); each snapshot includes events at or before it.</summary>
    public IReadOnlyList<Instant> SnapshotAt { get; init; } = [];

    /// <summary>How far apart the two sides of an internal transfer may be and still be paired.</summary>
    /// <value>Default <see cref="DefaultTransferWindow"/> (10 minutes).</value>
    public Duration TransferWindow { get; init; } = DefaultTransferWindow;

    /// <summary>The default <see cref="TransferWindow"/>: 10 minutes.</summary>
    public static readonly Duration DefaultTransferWindow = Duration.FromMinutes(10);

    /// <summary>Options for <paramref name="method"/> with the defaults of <paramref name="jurisdiction"/>: base
    /// currency (GBP for uk, EUR for de/nl/es/fr, USD otherwise), zone, tax year rule and pool scope (US:
    /// <c>per-account-from:2025-01-01</c>).</summary>
    public static CostBasisOptions For(CostBasisMethod method, Jurisdiction? jurisdiction = null)
    {
        var j = jurisdiction ?? Jurisdiction.Generic;
        return new()
        {
            Method = method.Engine(),
            BaseCurrency = j.BaseCurrency,
            Zone = j.Zone,
            TaxYearRule = j.TaxYearRule,
            CryptoFeesAreDisposals = j.CryptoFeesAreDisposals,
            Scope = j.DefaultScope,
            PerAccountFrom = j.DefaultScopeFrom,
        };
    }

    internal bool IsFiat(Asset asset) => asset == BaseCurrency || FiatSet.Contains(asset);
}

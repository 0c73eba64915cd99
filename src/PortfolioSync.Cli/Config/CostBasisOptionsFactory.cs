using PortfolioSync.Domain;
using PortfolioSync.Domain.CostBasis;

namespace PortfolioSync.Cli.Config;

/// <summary>
/// The one place the CLI builds <see cref="CostBasisOptions"/> (for <c>report</c>, <c>value</c> and <c>demo</c>):
/// from the typed config, with a command's overrides. Snapshots are not set here: the tax-year function owns them.
/// </summary>
public static class CostBasisOptionsFactory
{
    /// <param name="config">The validated config.</param>
    /// <param name="manualCosts">Costs from the config's manual-costs file (in the base currency).</param>
    /// <param name="method">A command's <c>--method</c>, else the config's.</param>
    /// <param name="scope">A command's <c>--scope</c>, else the config's.</param>
    /// <param name="currency">A command's <c>--currency</c>, else the config's base currency. Manual costs are in the
    /// base currency, so under another currency they are left out.</param>
    public static CostBasisOptions Create(AppConfig config, IReadOnlyList<ManualCost> manualCosts,
        CostBasisMethod? method = null, PoolScope? scope = null, Asset? currency = null, NodaTime.LocalDate? scopeFrom = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(manualCosts);
        var inCurrency = currency ?? config.BaseCurrency;
        return new CostBasisOptions
        {
            Method = (method ?? config.Method).Engine(),
            Scope = scope ?? config.PoolScope,
            BaseCurrency = inCurrency,
            FiatSet = config.Fiat,
            Zone = config.TimeZone,
            TaxYearRule = config.TaxYear,
            CryptoFeesAreDisposals = config.CryptoFeesAreDisposals,
            WithdrawalsAreDisposals = config.WithdrawalsAreDisposals,
            StakingConversionsAreDisposals = config.StakingConversionsAreDisposals,
            TransferWindow = config.TransferWindow,
            ManualCosts = inCurrency == config.BaseCurrency ? manualCosts : [],
            PerAccountFrom = scope is null ? config.PoolScopeFrom : scopeFrom,
            AccountOrder = config.Accounts.Select(a => a.Name).ToList(),
            CryptoToCrypto = config.CryptoToCrypto,
        };
    }
}

using System.Globalization;
using NodaTime;
using NodaTime.Text;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Pricing;
using PortfolioSync.Domain.Warnings;
using PortfolioSync.Reports.Building;
using PortfolioSync.Store;
using PortfolioSync.Sync;
using DomainPrice = PortfolioSync.Domain.Pricing.DailyPrice;
using StorePrice = PortfolioSync.Store.DailyPrice;

namespace PortfolioSync.Cli.Reading;

/// <summary>
/// What the report commands read from the store: the whole ledger, the price book built from every stored daily
/// candle, and the store's own warnings (<see cref="StoreWarnings"/>: records kept raw because they could not be
/// mapped, records that changed upstream, balances that do not reconcile). The store is opened, read and closed;
/// nothing is written to it.
/// </summary>
/// <param name="Description">For the reports' notes: the store, the number of entries and the dates covered.</param>
/// <param name="LastPriceDate">The newest candle date of any market; null without prices.</param>
public sealed record StoreInput(
    string StorePath,
    IReadOnlyList<LedgerEntry> Ledger,
    PriceBook Prices,
    IReadOnlyList<Warning> Warnings,
    string Description,
    LocalDate? LastPriceDate)
{
    /// <exception cref="CliException">No store at <paramref name="storePath"/> (exit 2), or it cannot be opened.</exception>
    public static StoreInput Load(string storePath, Asset baseCurrency, FiatSet fiat, Hosting.CliEnvironment env)
    {
        if (!File.Exists(storePath))
            throw new CliException($"no store at {storePath}: run `portfoliosync sync` first (or point --store at the store file)");
        IReadOnlyList<LedgerEntry> ledger;
        IReadOnlyList<StorePrice> stored;
        var warnings = new List<Warning>();
        try
        {
            using var store = PortfolioStore.Open(storePath, Commands.SyncCommand.StoreOptionsFor(env));
            ledger = store.ReadLedger();
            stored = store.ReadPrices();
            // Malformed and changed records and reconciliation differences; unknown entries are warned about by the
            // cost basis engine itself.
            warnings.AddRange(StoreWarnings.Collect(store).Where(w => w.Code != WarningCode.UnknownRecord));
        }
        catch (StoreException e)
        {
            throw new CliException(e.Message, ExitCode.Usage, e);
        }

        var prices = ToPriceBook(stored, ledger, baseCurrency, fiat, warnings);
        return new StoreInput(storePath, ledger, prices, warnings, Describe(storePath, ledger, stored), stored.Count == 0 ? null : stored.Max(p => p.Date));
    }

    /// <summary>
    /// Converts the store's candles (market symbol, UTC date) into the domain's, splitting each symbol with
    /// <see cref="MarketSymbol"/> (the fiat set plus the base currency; ledger assets as the known assets). Markets that
    /// cannot be split, and candles with a close that is not positive, are left out with a warning.
    /// </summary>
    public static PriceBook ToPriceBook(IReadOnlyList<StorePrice> stored, IReadOnlyList<LedgerEntry> ledger, Asset baseCurrency, FiatSet fiat, List<Warning> warnings)
    {
        var fiatWithBase = new FiatSet(fiat.Codes.Append(baseCurrency.Code));
        var known = new HashSet<Asset>(fiatWithBase.Codes.Select(Asset.Parse));
        foreach (var e in ledger)
        {
            foreach (var leg in e.Legs) known.Add(leg.Asset);
            if (e.Fee is { } fee) known.Add(fee.Asset);
        }
        var prices = new List<DomainPrice>(stored.Count);
        foreach (var market in stored.GroupBy(p => p.Pair, StringComparer.Ordinal))
        {
            if (!MarketSymbol.TrySplit(market.Key, fiatWithBase, known, out var pair))
            {
                warnings.Add(new Warning(WarningCode.MissingPrice, Severity.Warning, null, null, string.Create(CultureInfo.InvariantCulture,
                    $"the {market.Count()} stored candles of market '{market.Key}' were not used: its base and quote could not be told apart (quote neither fiat, BTC, ETH, a stablecoin nor two assets of the ledger)")));
                continue;
            }
            var bad = 0;
            LocalDate? firstBad = null;
            foreach (var p in market)
            {
                if (p.Close <= 0m)
                {
                    bad++;
                    firstBad ??= p.Date;
                    continue;
                }
                prices.Add(new DomainPrice(pair.Base, pair.Quote, p.Date, p.Open, p.High, p.Low, p.Close));
            }
            if (bad > 0)
                warnings.Add(new Warning(WarningCode.MissingPrice, Severity.Warning, null, null, string.Create(CultureInfo.InvariantCulture,
                    $"{bad} stored candle(s) of market '{market.Key}' have a close that is not positive (first {Iso(firstBad!.Value)}) and were not used")));
        }
        return new PriceBook(prices);
    }

    private static string Describe(string storePath, IReadOnlyList<LedgerEntry> ledger, IReadOnlyList<StorePrice> prices)
    {
        // The file name only: the notes travel to accountants, and a full path names the user's home folder.
        var text = string.Create(CultureInfo.InvariantCulture, $"store {Path.GetFileName(storePath)}, {ledger.Count} ledger entries");
        if (ledger.Count > 0)
        {
            var first = ledger.Min(e => e.At);
            var last = ledger.Max(e => e.At);
            text += $" from {Iso(first.InUtc().Date)} to {Iso(last.InUtc().Date)} (UTC)";
        }
        var markets = prices.Select(p => p.Pair).Distinct(StringComparer.Ordinal).Count();
        text += prices.Count == 0
            ? ", no stored prices"
            : string.Create(CultureInfo.InvariantCulture, $", daily closes of {markets} markets up to {Iso(prices.Max(p => p.Date))}");
        return text;
    }

    private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);
}

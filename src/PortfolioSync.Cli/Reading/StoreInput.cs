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
    public static StoreInput Load(string storePath, Asset baseCurrency, FiatSet fiat, Hosting.CliEnvironment env,
        int maxPriceAgeDays = PriceBook.DefaultMaxPriceAgeDays)
    {
        if (!File.Exists(storePath))
            throw new CliException($"no store at {storePath}: run `portfoliosync sync` first (or point --store at the store file)");
        IReadOnlyList<LedgerEntry> ledger;
        IReadOnlyList<StorePrice> stored;
        var warnings = new List<Warning>();
        if (StoreLock.RunningSync(storePath) is { } sync)
            throw new CliException(
                $"a sync ({sync}) is writing {storePath} now: figures read meanwhile would miss what it has not written yet. " +
                "Run this again when it has finished (or stop that sync if it hangs).");
        RunRecord? run;
        using (var store = Hosting.StoreAccess.OpenForReading(storePath, env))
        using (store.ReadSession())
        {
            ledger = store.ReadLedger();
            stored = store.ReadPrices();
            // Malformed and changed records and reconciliation differences; unknown entries are warned about by the
            // cost basis engine itself.
            warnings.AddRange(StoreWarnings.Collect(store).Where(w => w.Code != WarningCode.UnknownRecord));
            run = store.ListRuns(20).FirstOrDefault(r => r.Status != RunStatus.Running);
        }
        if (StoreLock.RunningSync(storePath) is { } started)
            throw new CliException(
                $"a sync ({started}) started writing {storePath} while it was being read: run this again when it has finished.");
        env.Error.WriteLine(run is null
            ? $"reading {storePath}: no completed sync run recorded"
            : $"reading {storePath} as of sync run {run.Id} ({run.Status.ToString().ToLowerInvariant()}, finished {(run.Finished is { } f ? InstantPattern.ExtendedIso.Format(f) : "?")})");

        var prices = ToPriceBook(stored, warnings, maxPriceAgeDays);
        return new StoreInput(storePath, ledger, prices, warnings, Describe(storePath, ledger, stored), stored.Count == 0 ? null : stored.Max(p => p.Date));
    }

    /// <summary>
    /// Converts the store's candles (market symbol, UTC date) into the domain's, with the base and quote each candle was
    /// stored with (from the exchange's markets list; no symbol is split here). Candles stored before schema 5 whose
    /// market is not known yet, and candles with a close that is not positive, are left out with a warning.
    /// </summary>
    public static PriceBook ToPriceBook(IReadOnlyList<StorePrice> stored, List<Warning> warnings,
        int maxPriceAgeDays = PriceBook.DefaultMaxPriceAgeDays)
    {
        var prices = new List<DomainPrice>(stored.Count);
        foreach (var market in stored.GroupBy(p => p.Pair, StringComparer.Ordinal))
        {
            var unknown = market.Count(p => p.Market is null);
            if (unknown > 0)
                warnings.Add(new Warning(WarningCode.MissingPrice, Severity.Warning, null, null, string.Create(CultureInfo.InvariantCulture,
                    $"{unknown} stored candle(s) of market '{market.Key}' were not used: their base and quote are not known yet (stored before schema 5 and not in its list of quotes); the next 'portfoliosync sync' sets them from the markets list")));
            var bad = 0;
            LocalDate? firstBad = null;
            foreach (var p in market)
            {
                if (p.Market is not { } pair) continue;
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
        return new PriceBook(prices, maxPriceAgeDays);
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

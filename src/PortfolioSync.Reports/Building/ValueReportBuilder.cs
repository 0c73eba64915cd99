using System.Globalization;
using NodaTime;
using NodaTime.Text;
using PortfolioSync.Domain;
using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Pricing;
using PortfolioSync.Domain.Valuation;
using PortfolioSync.Domain.Warnings;
using PortfolioSync.Reports.Model;

namespace PortfolioSync.Reports.Building;

/// <summary>
/// Turns a <see cref="ValueSeries"/> result into a <see cref="ValueReport"/>, with the unrealized gain at the end
/// date from the cost basis engine: Σ (quantity × close of the end date) − Σ cost over the engine's holdings at the
/// end of that day (on-exchange pools only; what left through withdrawals is not in the series either). Fiat is money,
/// not lots, so the gain covers cryptoassets only, while the series' totals include fiat balances. Pure.
/// </summary>
public static class ValueReportBuilder
{
    /// <summary>The end of <paramref name="date"/> in <paramref name="zone"/>: one tick before the next day starts,
    /// which is where the series takes the day's balances.</summary>
    public static Instant EndOfDay(LocalDate date, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return date.PlusDays(1).AtStartOfDayInZone(zone).ToInstant() - Duration.Epsilon;
    }

    /// <summary>
    /// Runs both engines and builds the report. The cost basis engine runs over the whole ledger with the series'
    /// currency as its base currency and a snapshot at the end of <see cref="ValueSeriesOptions.To"/>; with an account
    /// filter it runs with per-account pools (so transfers between accounts carry their cost) and takes that
    /// account's pools.
    /// </summary>
    /// <param name="costBasis">Method, zone, fiat set, manual costs, …; base currency, scope and snapshots are set here.</param>
    public static ValueReport Compute(
        IReadOnlyList<LedgerEntry> ledger,
        PriceBook prices,
        ValueSeriesOptions series,
        CostBasisOptions costBasis,
        string generatedFrom,
        IReadOnlyList<Warning>? extraWarnings = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(costBasis);
        var options = costBasis with
        {
            BaseCurrency = series.Currency,
            Scope = series.Account is null ? costBasis.Scope : PoolScope.PerAccount,
            SnapshotAt = [EndOfDay(series.To, series.Zone)],
        };
        // Two pure functions of the same immutable input: run them on both cores.
        ValueSeriesResult? values = null;
        CostBasisResult? result = null;
        Parallel.Invoke(
            () => values = ValueSeries.Compute(ledger, prices, series with { StakingConversionsAreDisposals = costBasis.StakingConversionsAreDisposals }),
            () => result = CostBasisEngine.Run(ledger, prices, options));
        return Build(values!, series, result!, prices, generatedFrom, extraWarnings);
    }

    /// <param name="costBasis">An engine result in the series' currency with a snapshot at
    /// <see cref="EndOfDay"/> of the end date; null leaves cost and unrealized gain unknown.</param>
    /// <exception cref="ArgumentException">The cost basis result has another currency or no such snapshot, or an account
    /// filter is used with universal pools.</exception>
    public static ValueReport Build(
        ValueSeriesResult values,
        ValueSeriesOptions series,
        CostBasisResult? costBasis,
        PriceBook prices,
        string generatedFrom,
        IReadOnlyList<Warning>? extraWarnings = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(prices);
        var rows = values.Points.Select(p => new ValueRow(p.Date, p.Account, p.Asset, p.Quantity, p.Price));
        // The report derives its own missing-price warnings (per asset, with the days); the series' gap-filled ones stay.
        var warnings = values.Warnings.Where(w => w.Code != WarningCode.MissingPrice).Concat(extraWarnings ?? []).ToList();
        decimal? cost = null, gain = null, market = null;
        if (costBasis is not null)
            (cost, market, gain) = Unrealized(series, costBasis, prices, warnings);
        return new ValueReport(series.Currency, series.Zone.Id, rows, cost, gain, warnings.Select(WarningRow.From), generatedFrom)
        {
            HoldingsValueAtEnd = market,
        };
    }

    private static (decimal? Cost, decimal? Market, decimal? Gain) Unrealized(ValueSeriesOptions series, CostBasisResult result, PriceBook prices, List<Warning> warnings)
    {
        var o = result.Options;
        if (o.BaseCurrency != series.Currency)
            throw new ArgumentException($"the cost basis is in {o.BaseCurrency}, the series in {series.Currency}", nameof(result));
        if (series.Account is not null && o.Scope != PoolScope.PerAccount)
            throw new ArgumentException($"a value series of one account needs a cost basis with {PoolScope.PerAccount.ToText()} pools", nameof(result));
        var end = EndOfDay(series.To, series.Zone);
        var snapshot = result.Snapshots.FirstOrDefault(s => s.At == end)
            ?? throw new ArgumentException($"the cost basis has no snapshot at the end of {Iso(series.To)}", nameof(result));
        var cost = 0m;
        var market = 0m;
        var costKnown = true;
        var unpriced = new SortedSet<Asset>();
        foreach (var h in snapshot.Holdings)
        {
            if (series.Account is not null && h.Pool != series.Account) continue;
            cost += h.Cost;
            costKnown &= h.CostKnown;
            var c = prices.Convert(h.Asset, series.Currency, series.To);
            if (c.IsFound) market += c.Apply(h.Quantity);
            else unpriced.Add(h.Asset);
        }
        if (!costKnown)
            warnings.Add(new Warning(WarningCode.MissingPrice, Severity.Warning, series.Account, null, string.Create(CultureInfo.InvariantCulture,
                $"cost basis at {Iso(series.To)} unknown: part of the cost of the holdings could not be valued (no price at acquisition)")));
        if (unpriced.Count == 0) return (costKnown ? cost : null, market, costKnown ? market - cost : null);
        warnings.Add(new Warning(WarningCode.MissingPrice, Severity.Warning, series.Account, null, string.Create(CultureInfo.InvariantCulture,
            $"unrealized gain at {Iso(series.To)} unknown: no {series.Currency} price for {string.Join(", ", unpriced)}")));
        return (costKnown ? cost : null, null, null);
    }

    private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);
}

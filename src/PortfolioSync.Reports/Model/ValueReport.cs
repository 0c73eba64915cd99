using NodaTime;
using NodaTime.Text;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Warnings;

namespace PortfolioSync.Reports.Model;

/// <summary>
/// A daily portfolio value series: one row per day, account and asset, plus a total per day. Values are unrounded.
/// The constructor orders the rows (date, account, asset), derives the daily totals and warns about days whose total
/// leaves out an asset without a price. Immutable.
/// </summary>
/// <param name="currency">The currency of every price and value.</param>
/// <param name="zoneId">TZDB id of the zone whose end of day the series uses.</param>
/// <param name="costAtEnd">Cost basis of the holdings at the last day, if known.</param>
/// <param name="unrealizedGainAtEnd">Value minus cost basis at the last day (from the cost basis engine), if known.</param>
/// <param name="generatedFrom">Where the data came from (printed in the notes; no run time).</param>
public sealed class ValueReport
{
    /// <summary>The <c>account</c> of the daily total rows in <c>value.csv</c>.</summary>
    public const string TotalMarker = "*total*";

    public ValueReport(
        Asset currency,
        string zoneId,
        IEnumerable<ValueRow> rows,
        decimal? costAtEnd = null,
        decimal? unrealizedGainAtEnd = null,
        IEnumerable<WarningRow>? warnings = null,
        string generatedFrom = "")
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) is null)
            throw new ArgumentException($"'{zoneId}' is not a TZDB time zone id (e.g. Europe/London).", nameof(zoneId));
        Currency = currency;
        ZoneId = zoneId;
        CostAtEnd = costAtEnd;
        UnrealizedGainAtEnd = unrealizedGainAtEnd;
        GeneratedFrom = generatedFrom ?? "";
        Rows = rows.OrderBy(r => r.Date).ThenBy(r => r.Account, StringComparer.Ordinal).ThenBy(r => r.Asset).ToList();
        var duplicate = Rows.Zip(Rows.Skip(1)).FirstOrDefault(p =>
            p.First.Date == p.Second.Date && p.First.Account == p.Second.Account && p.First.Asset == p.Second.Asset);
        if (duplicate.First is not null)
            throw new ArgumentException(
                $"two value rows for {LocalDatePattern.Iso.Format(duplicate.First.Date)}, account {duplicate.First.Account}, "
                + $"asset {duplicate.First.Asset.Code}", nameof(rows));
        Days = Rows.GroupBy(r => r.Date).Select(ToDay).ToList();
        Assets = Rows.Select(r => r.Asset).Distinct().Order().ToList();
        Warnings = WarningRow.Sort((warnings ?? []).Concat(OwnWarnings()));
    }

    public Asset Currency { get; }

    public string ZoneId { get; }

    /// <summary>Ordered by date, account, asset (ordinal).</summary>
    public IReadOnlyList<ValueRow> Rows { get; }

    /// <summary>One entry per date that has rows, in date order.</summary>
    public IReadOnlyList<ValueDay> Days { get; }

    /// <summary>Every asset in the series, ordered by code.</summary>
    public IReadOnlyList<Asset> Assets { get; }

    public decimal? CostAtEnd { get; }

    public decimal? UnrealizedGainAtEnd { get; }

    /// <summary>Market value at the last day of the holdings the cost basis covers (cryptoassets in the pools): the
    /// figure that <see cref="UnrealizedGainAtEnd"/> = this − <see cref="CostAtEnd"/> is taken from. It differs from
    /// <see cref="ValueAtEnd"/>, which also counts fiat balances (they have no cost basis and no gain). Null when
    /// unknown.</summary>
    public decimal? HoldingsValueAtEnd { get; init; }

    public string GeneratedFrom { get; }

    public IReadOnlyList<WarningRow> Warnings { get; }

    public LocalDate? From => Days.Count == 0 ? null : Days[0].Date;

    public LocalDate? To => Days.Count == 0 ? null : Days[^1].Date;

    /// <summary>The total of the last day; null when there is none or it is unknown.</summary>
    public decimal? ValueAtEnd => Days.Count == 0 ? null : Days[^1].Total;

    private static ValueDay ToDay(IGrouping<LocalDate, ValueRow> day)
    {
        var byAsset = new SortedDictionary<Asset, decimal>();
        var unpriced = new SortedSet<Asset>();
        decimal? total = null;
        foreach (var row in day)
        {
            if (row.Value is not { } value)
            {
                unpriced.Add(row.Asset);
                continue;
            }
            total = (total ?? 0m) + value;
            byAsset[row.Asset] = byAsset.GetValueOrDefault(row.Asset) + value;
        }
        return new ValueDay(day.Key, total, byAsset, unpriced.ToList());
    }

    private IEnumerable<WarningRow> OwnWarnings()
    {
        var missing = Days.SelectMany(d => d.Unpriced.Select(a => (Asset: a, d.Date)))
            .GroupBy(x => x.Asset).OrderBy(g => g.Key);
        foreach (var g in missing)
        {
            var dates = g.Select(x => x.Date).ToList();
            yield return new WarningRow("missing-price", Severity.Warning, null, null, string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"No {Currency.Code} price for {g.Key.Code} on {dates.Count} day(s) from {LocalDatePattern.Iso.Format(dates[0])} "
                + $"to {LocalDatePattern.Iso.Format(dates[^1])}: its value is left empty and those days' totals leave it out."));
        }
    }
}

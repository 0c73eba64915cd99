using NodaTime;
using PortfolioSync.Domain;
using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Tax;

namespace PortfolioSync.Reports.Model;

/// <summary>
/// What a tax report is about: the tax year, the rules it was computed under and where its data came from.
/// Holds no wall-clock time, so the same inputs always give the same files.
/// </summary>
/// <param name="Method">Cost basis method (its text form is repeated in the <c>method</c> column of
/// <c>disposals.csv</c>).</param>
/// <param name="Scope">Pool scope.</param>
/// <param name="BaseCurrency">The currency every money column is in.</param>
/// <param name="ZoneId">TZDB id of the zone whose dates decide tax days (e.g. <c>Europe/London</c>).</param>
/// <param name="GeneratedFrom">A description of the input (store, entry count, last entry, price range);
/// printed in the notes. Must not contain secrets or the time of the run.</param>
public sealed record ReportContext(
    TaxYear TaxYear,
    Jurisdiction Jurisdiction,
    CostBasisMethod Method,
    PoolScope Scope,
    Asset BaseCurrency,
    string ZoneId,
    string GeneratedFrom)
{
    public Jurisdiction Jurisdiction { get; } = Jurisdiction ?? throw new ArgumentNullException(nameof(Jurisdiction));

    public string ZoneId { get; } = DateTimeZoneProviders.Tzdb.GetZoneOrNull(ZoneId) is not null ? ZoneId
        : throw new ArgumentException($"'{ZoneId}' is not a TZDB time zone id (e.g. Europe/London).", nameof(ZoneId));

    public string GeneratedFrom { get; } = GeneratedFrom ?? throw new ArgumentNullException(nameof(GeneratedFrom));

    /// <summary>The zone named by <see cref="ZoneId"/>.</summary>
    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[ZoneId];

    /// <summary>The folder and file label: <c>2024-25</c> for UK years, <c>2024</c> for calendar years.</summary>
    public string Label => TaxYear.Label;
}

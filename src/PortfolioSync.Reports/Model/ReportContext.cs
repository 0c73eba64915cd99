using NodaTime;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Tax;

namespace PortfolioSync.Reports.Model;

/// <summary>
/// What a tax report is about: the tax year, the rules it was computed under and where its data came from.
/// Holds no wall-clock time, so the same inputs always give the same files.
/// </summary>
/// <param name="Method">Cost basis method as the user named it: <c>fifo</c>, <c>lifo</c>, <c>hifo</c>,
/// <c>average</c> or <c>uk</c> (repeated in the <c>method</c> column of <c>disposals.csv</c>).</param>
/// <param name="Scope">Pool scope: <c>universal</c>, <c>per-account</c> or <c>per-account-from:YYYY-MM-DD</c>.</param>
/// <param name="BaseCurrency">The currency every money column is in.</param>
/// <param name="ZoneId">TZDB id of the zone whose dates decide tax days (e.g. <c>Europe/London</c>).</param>
/// <param name="GeneratedFrom">A description of the input (store, entry count, last entry, price range);
/// printed in the notes. Must not contain secrets or the time of the run.</param>
public sealed record ReportContext(
    TaxYear TaxYear,
    Jurisdiction Jurisdiction,
    string Method,
    string Scope,
    Asset BaseCurrency,
    string ZoneId,
    string GeneratedFrom)
{
    /// <summary>The methods the report accepts, in their text form.</summary>
    public static IReadOnlyList<string> Methods { get; } = ["fifo", "lifo", "hifo", "average", "uk"];

    /// <summary>The pool scopes the report accepts, in their text form.</summary>
    public static IReadOnlyList<string> Scopes { get; } = ["universal", "per-account"];

    public string Method { get; } = Methods.Contains(Method, StringComparer.Ordinal) ? Method
        : throw new ArgumentException($"'{Method}' is not a cost basis method: use {string.Join(", ", Methods)}.", nameof(Method));

    public string Scope { get; } = Scopes.Contains(Scope, StringComparer.Ordinal) || Scope.StartsWith("per-account-from:", StringComparison.Ordinal) ? Scope
        : throw new ArgumentException($"'{Scope}' is not a pool scope: use {string.Join(", ", Scopes)}.", nameof(Scope));

    public string ZoneId { get; } = DateTimeZoneProviders.Tzdb.GetZoneOrNull(ZoneId) is not null ? ZoneId
        : throw new ArgumentException($"'{ZoneId}' is not a TZDB time zone id (e.g. Europe/London).", nameof(ZoneId));

    public string GeneratedFrom { get; } = GeneratedFrom ?? throw new ArgumentNullException(nameof(GeneratedFrom));

    /// <summary>The zone named by <see cref="ZoneId"/>.</summary>
    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[ZoneId];

    /// <summary>The folder and file label: <c>2024-25</c> for UK years, <c>2024</c> for calendar years.</summary>
    public string Label => TaxYear.Label;
}

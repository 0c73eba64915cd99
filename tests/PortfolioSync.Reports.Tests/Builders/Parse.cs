using NodaTime;
using NodaTime.Text;
using PortfolioSync.Domain;

namespace PortfolioSync.Reports.Tests.Builders;

/// <summary>Short text forms for test data: <c>"2024-06-01T10:00:00Z"</c>, <c>"2024-06-01"</c>, <c>"0.5"</c>.</summary>
internal static class Parse
{
    public static Instant At(string text) =>
        text.Length == 10 ? Date(text).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant().Plus(Duration.FromHours(12))
            : InstantPattern.ExtendedIso.Parse(text).GetValueOrThrow();

    public static Instant? MaybeAt(string? text) => text is null ? null : At(text);

    public static LocalDate Date(string text) => LocalDatePattern.Iso.Parse(text).GetValueOrThrow();

    public static decimal Dec(string text) => DecimalText.Parse(text);

    public static decimal? MaybeDec(string? text) => text is null ? null : Dec(text);
}

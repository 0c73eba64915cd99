using System.Globalization;
using NodaTime;

namespace PortfolioSync.Domain.Tax;

/// <summary>
/// One tax year: the year under <see cref="Rule"/> that starts in calendar year <see cref="StartYear"/>
/// (UK 2024 = 6 April 2024 – 5 April 2025). An event belongs to the tax year of its date in the configured zone.
/// </summary>
public readonly record struct TaxYear(int StartYear, TaxYearRule Rule) : IComparable<TaxYear>
{
    /// <summary>First day, inclusive.</summary>
    public LocalDate Start => Rule.Start.InYear(StartYear);

    /// <summary>Last day, inclusive.</summary>
    public LocalDate End => Rule.Start.InYear(StartYear + 1).PlusDays(-1);

    /// <summary><c>2024</c> for a year starting 1 January, otherwise <c>2024-25</c>.</summary>
    public string Label => Rule.Start == TaxYearRule.Calendar.Start
        ? StartYear.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{StartYear}-{(StartYear + 1) % 100:00}");

    public bool Contains(LocalDate date) => date >= Start && date <= End;

    /// <summary>The instants of this year in <paramref name="zone"/>: [start of first day, start of the next year).</summary>
    public Interval InZone(DateTimeZone zone) =>
        new(Start.AtStartOfDayInZone(zone).ToInstant(), End.PlusDays(1).AtStartOfDayInZone(zone).ToInstant());

    public static TaxYear Containing(LocalDate date, TaxYearRule rule) =>
        new(date >= rule.Start.InYear(date.Year) ? date.Year : date.Year - 1, rule);

    /// <summary>The tax year of <paramref name="at"/>, taking its date in <paramref name="zone"/>.</summary>
    public static TaxYear Containing(Instant at, DateTimeZone zone, TaxYearRule rule) =>
        Containing(at.InZone(zone).Date, rule);

    public int CompareTo(TaxYear other) => StartYear.CompareTo(other.StartYear);

    public override string ToString() => Label;
}

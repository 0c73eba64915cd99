using NodaTime;
using PortfolioSync.Domain.Tax;

namespace PortfolioSync.Domain.Tests.Primitives;

public sealed class TaxYearTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    [Fact]
    public void A_uk_year_runs_from_6_April_to_5_April_and_is_labelled_with_both_years()
    {
        var year = new TaxYear(2024, TaxYearRule.Uk);

        year.Start.Should().Be(new LocalDate(2024, 4, 6));
        year.End.Should().Be(new LocalDate(2025, 4, 5));
        year.Label.Should().Be("2024-25");
    }

    [Fact]
    public void Late_evening_UTC_on_5_April_is_already_6_April_in_London_summer_time()
    {
        // 2024-04-05 23:30 UTC is 2024-04-06 00:30 BST: the new UK tax year has begun.
        var at = Instant.FromUtc(2024, 4, 5, 23, 30);

        TaxYear.Containing(at, London, TaxYearRule.Uk).Label.Should().Be("2024-25");
        TaxYear.Containing(at, DateTimeZone.Utc, TaxYearRule.Uk).Label.Should().Be("2023-24");
    }

    [Fact]
    public void Late_evening_UTC_on_6_April_stays_in_the_same_uk_year()
    {
        var at = Instant.FromUtc(2024, 4, 6, 23, 30);   // 7 April 00:30 BST

        TaxYear.Containing(at, London, TaxYearRule.Uk).Label.Should().Be("2024-25");
    }

    [Fact]
    public void The_last_moment_of_5_April_in_London_belongs_to_the_old_year()
    {
        var at = Instant.FromUtc(2024, 4, 5, 22, 59, 59);   // 23:59:59 BST on 5 April

        TaxYear.Containing(at, London, TaxYearRule.Uk).Label.Should().Be("2023-24");
    }

    [Fact]
    public void A_calendar_year_includes_the_leap_day_and_is_labelled_by_one_year()
    {
        var year = new TaxYear(2024, TaxYearRule.Calendar);

        year.Contains(new LocalDate(2024, 2, 29)).Should().BeTrue();
        year.End.Should().Be(new LocalDate(2024, 12, 31));
        year.Label.Should().Be("2024");
        Period.Between(year.Start, year.End, PeriodUnits.Days).Days.Should().Be(365);   // 366 days inclusive
    }

    [Fact]
    public void A_custom_year_starts_on_the_given_day()
    {
        var rule = TaxYearRule.Parse("custom:07-01");
        var year = TaxYear.Containing(new LocalDate(2025, 6, 30), rule);

        year.Start.Should().Be(new LocalDate(2024, 7, 1));
        year.End.Should().Be(new LocalDate(2025, 6, 30));
        year.Label.Should().Be("2024-25");
        rule.Name.Should().Be("custom:07-01");
    }

    [Fact]
    public void A_custom_year_starting_1_March_ends_on_the_leap_day_in_a_leap_year()
    {
        var year = new TaxYear(2023, TaxYearRule.Custom(3, 1));

        year.End.Should().Be(new LocalDate(2024, 2, 29));
    }

    [Theory]
    [InlineData("custom:02-29")]
    [InlineData("custom:13-01")]
    [InlineData("custom:04-31")]
    [InlineData("custom:4-6")]
    [InlineData("fiscal")]
    public void Impossible_rules_are_refused_with_what_is_accepted(string text)
    {
        var act = () => TaxYearRule.Parse(text);

        act.Should().Throw<Exception>();
    }

    [Fact]
    public void A_year_in_a_zone_spans_local_midnight_to_local_midnight()
    {
        var interval = new TaxYear(2024, TaxYearRule.Uk).InZone(London);

        interval.Start.Should().Be(Instant.FromUtc(2024, 4, 5, 23, 0));   // 00:00 BST
        interval.End.Should().Be(Instant.FromUtc(2025, 4, 5, 23, 0));
    }
}

using NodaTime;
using NodaTime.Text;

namespace PortfolioSync.Store.Tests;

/// <summary>The hand-written reader of stored candle dates agrees with NodaTime's ISO pattern on every date, and refuses
/// what the pattern refuses with the pattern's own error.</summary>
public sealed class PriceDateTests
{
    [Fact]
    public void Every_date_from_1999_to_2031_reads_as_the_iso_pattern_reads_it()
    {
        var checkedDays = 0;
        for (var d = new LocalDate(1999, 1, 1); d <= new LocalDate(2031, 12, 31); d = d.PlusDays(1), checkedDays++)
        {
            var text = LocalDatePattern.Iso.Format(d);
            PortfolioStore.ParseDate(text).Should().Be(LocalDatePattern.Iso.Parse(text).Value);
        }
        checkedDays.Should().Be(33 * 365 + 8, "33 years, 8 of them leap years");
    }

    [Theory]
    [InlineData("2024-02-30")]
    [InlineData("2023-02-29")]
    [InlineData("2024-13-01")]
    [InlineData("2024-00-10")]
    [InlineData("2024-2-01")]
    [InlineData("2024/02/01")]
    [InlineData("abcd-ef-gh")]
    [InlineData("")]
    public void A_date_that_is_not_valid_iso_fails_as_the_pattern_fails(string text)
    {
        var read = () => PortfolioStore.ParseDate(text);
        read.Should().Throw<UnparsableValueException>();
    }
}

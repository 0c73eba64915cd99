using System.Globalization;
using PortfolioSync.Domain;

namespace PortfolioSync.Domain.Tests.Primitives;

public sealed class DecimalTextTests
{
    [Theory]
    [InlineData("0.00000001", "0.00000001")]
    [InlineData("-0", "0")]
    [InlineData("-0.000", "0")]
    [InlineData("1.123456789012345678", "1.123456789012345678")]
    [InlineData("-12.50", "-12.5")]
    [InlineData("64000", "64000")]
    [InlineData("0007.10", "7.1")]
    [InlineData("9999999999.123456789012345678", "9999999999.123456789012345678")]
    public void Plain_decimals_parse_exactly_and_print_trimmed(string text, string printed)
    {
        var value = DecimalText.Parse(text);

        DecimalText.Format(value).Should().Be(printed);
    }

    [Fact]
    public void An_eighteen_decimal_value_keeps_every_digit()
    {
        DecimalText.Parse("0.000000000000000001").Should().Be(0.000000000000000001m);
    }

    [Fact]
    public void Minus_zero_reads_as_plain_zero()
    {
        var value = DecimalText.Parse("-0");

        value.Should().Be(0m);
        decimal.IsNegative(value).Should().BeFalse();
    }

    [Theory]
    [InlineData("1e-8", "exponent")]
    [InlineData("1E5", "exponent")]
    [InlineData("1,000.00", "thousands")]
    [InlineData("1 000", "thousands")]
    [InlineData("1'000", "thousands")]
    [InlineData("+5", "'+'")]
    [InlineData("", "empty")]
    [InlineData(".5", "expected a digit")]
    [InlineData("5.", "no digits after")]
    [InlineData("1.0000000000000000001", "19 decimals")]
    [InlineData("12345678901.123456789012345678", "significant")]
    [InlineData(" 5", "expected a digit")]
    [InlineData("5 ", "not a plain decimal")]
    [InlineData("NaN", "expected a digit")]
    [InlineData("1,5", "thousands")]
    public void Anything_but_a_plain_decimal_is_refused_with_the_reason(string text, string reason)
    {
        var ok = DecimalText.TryParse(text, out _, out var problem);

        ok.Should().BeFalse();
        problem.Should().Contain(reason);
    }

    [Fact]
    public void A_parse_error_names_the_field()
    {
        var act = () => DecimalText.Parse("1e3", "fee");

        act.Should().Throw<FormatException>().WithMessage("*field 'fee'*'1e3'*exponent*");
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    [InlineData("fr-FR")]
    public void Parsing_and_printing_ignore_the_current_culture(string culture)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo(culture);

            DecimalText.Parse("1234.5").Should().Be(1234.5m);
            DecimalText.Format(1234.5m).Should().Be("1234.5");
            DecimalText.FormatMoney(1234.5m).Should().Be("1234.50");
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData("0.005", "0.01")]
    [InlineData("-0.005", "-0.01")]
    [InlineData("2.675", "2.68")]
    [InlineData("-0.004", "0.00")]
    [InlineData("1234567.994999", "1234567.99")]
    public void Money_rounds_half_away_from_zero_to_two_decimals(string value, string printed)
    {
        DecimalText.FormatMoney(DecimalText.Parse(value)).Should().Be(printed);
    }
}

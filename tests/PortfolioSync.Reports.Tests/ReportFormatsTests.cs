namespace PortfolioSync.Reports.Tests;

public sealed class ReportFormatsTests
{
    [Theory]
    [InlineData("csv", ReportFormats.Csv)]
    [InlineData("csv,xlsx", ReportFormats.Csv | ReportFormats.Xlsx)]
    [InlineData(" XLSX , png ", ReportFormats.Xlsx | ReportFormats.Png)]
    [InlineData("csv,csv", ReportFormats.Csv)]
    public void Known_formats_parse(string text, ReportFormats expected) =>
        ReportFormatsText.Parse(text).Should().Be(expected);

    [Theory]
    [InlineData("pdf", "'pdf' is not a report format")]
    [InlineData("csv;xlsx", "'csv;xlsx' is not a report format")]
    [InlineData("csv,,xlsx", "'csv,,xlsx' has an empty report format")]
    [InlineData("", "has an empty report format")]
    public void Unknown_formats_are_refused_with_the_accepted_ones_named(string text, string problem) =>
        FluentActions.Invoking(() => ReportFormatsText.Parse(text)).Should().Throw<FormatException>()
            .Where(e => e.Message.Contains(problem, StringComparison.Ordinal)
                && e.Message.Contains("csv, xlsx, png", StringComparison.Ordinal));

    [Fact]
    public void Formats_print_in_a_fixed_order() =>
        (ReportFormats.Png | ReportFormats.Csv).ToText().Should().Be("csv,png");
}

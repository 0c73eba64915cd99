using PortfolioSync.Reports.Tests.Builders;

namespace PortfolioSync.Reports.Tests;

/// <summary>
/// Writes the samples with every format, for a person to look at: set <c>REPORTS_SAMPLE_DIR</c> to keep them
/// (e.g. to render the workbook with LibreOffice and look at the chart).
/// </summary>
public sealed class SampleOutputTests
{
    [Fact]
    public void The_samples_write_every_file_in_every_format()
    {
        using var temp = new TempFolder();
        var keep = Environment.GetEnvironmentVariable("REPORTS_SAMPLE_DIR");
        var outDir = string.IsNullOrEmpty(keep) ? temp.Path : keep;

        var uk = ReportWriter.Write(Samples.Uk().Value(Samples.Value()).Build(), outDir, ReportFormats.All);
        var us = ReportWriter.Write(Samples.Us().Build(), outDir, ReportFormats.All);
        var empty = ReportWriter.Write(Samples.ByName("empty-uk-2023-24"), outDir, ReportFormats.All);
        ValueReportWriter.Write(Samples.Value(), Path.Combine(outDir, "value"), ReportFormats.All);

        Directory.GetFiles(uk).Select(Path.GetFileName).Should().Contain(["tax-report-2024-25.xlsx", "value.csv", "value.png",
            "sa108-summary.csv", "disposals.csv", "notes.txt"]);
        Directory.GetFiles(us).Select(Path.GetFileName).Should().Contain(["tax-report-2024.xlsx", "form-8949.csv"])
            .And.NotContain("value.png", "the US sample has no value series");
        Directory.GetFiles(empty).Should().HaveCount(9, "7 CSV files, notes.txt and the workbook");
        Directory.GetFiles(Path.Combine(outDir, "value")).Select(Path.GetFileName).Should()
            .BeEquivalentTo(["value.csv", "value.png", "value.xlsx"]);
    }
}

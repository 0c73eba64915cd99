using PortfolioSync.Reports;
using PortfolioSync.Reports.Chart;
using PortfolioSync.Reports.Model;

namespace PortfolioSync.Cli.Hosting;

/// <summary>
/// Writes <c>value.csv</c>, <c>value.png</c> and <c>value.xlsx</c>: one way for <c>value</c> and <c>demo</c>. When the chart
/// cannot be drawn because its native library does not load (the Native AOT program copied without the files beside it,
/// or a system library missing), the figures are still written, CSV and workbook, and the problem is printed with what
/// to do: the command then ends with exit 1, never "unexpected error" and never a silent gap.
/// </summary>
public static class ValueOutput
{
    /// <returns>The full paths of the files written, and the chart's problem if it was left out.</returns>
    public static (IReadOnlyList<string> Files, ChartUnavailableException? ChartProblem) Write(ValueReport report, string outDir, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            return (OutputFolder.Write(outDir, () => ValueReportWriter.Write(report, outDir, ReportFormats.All)), null);
        }
        catch (AggregateException e) when (ChartUnavailableException.From(e) is { } missing)   // the files are drawn side by side
        {
            // Nothing was written (the three files are moved into place together): write the two that need no drawing.
            var files = OutputFolder.Write(outDir, () => ValueReportWriter.Write(report, outDir, ReportFormats.Csv | ReportFormats.Xlsx));
            error.WriteLine(Message(missing));
            return (files, missing);
        }
    }

    /// <summary>What the user reads: what is missing, what was still written, and how to put it right.</summary>
    public static string Message(ChartUnavailableException missing)
    {
        ArgumentNullException.ThrowIfNull(missing);
        return $"error: {ValueReportWriter.ChartFileName} was not written: {missing.Message}. "
            + $"{ValueReportWriter.CsvFileName} and {ValueReportWriter.WorkbookFileName} are written. "
            + $"The library ships with the program: a Native AOT build keeps it as a file beside portfoliosync, so copy the "
            + "folder's files together (README: Install); otherwise the reason above names what the system lacks.";
    }
}

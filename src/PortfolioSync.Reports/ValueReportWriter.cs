using PortfolioSync.Reports.Chart;
using PortfolioSync.Reports.Model;
using PortfolioSync.Reports.Tables;
using PortfolioSync.Reports.Xlsx;

namespace PortfolioSync.Reports;

/// <summary>
/// Writes a value series on its own: <c>value.csv</c>, <c>value.png</c> and <c>value.xlsx</c> (one Value sheet
/// plus Warnings) into a folder that may hold other files. The files are written to a temporary folder first and
/// moved into place only when all of them are complete.
/// </summary>
public static class ValueReportWriter
{
    public const string CsvFileName = "value.csv";
    public const string ChartFileName = "value.png";
    public const string WorkbookFileName = "value.xlsx";

    /// <returns>The full paths of the files written.</returns>
    public static IReadOnlyList<string> Write(ValueReport report, string outDir, ReportFormats formats)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        if (formats == ReportFormats.None) throw new ArgumentException("no report format chosen: use csv, xlsx or png", nameof(formats));
        var names = new List<string>();
        AtomicFolder.WriteFiles(outDir, folder =>
        {
            // The three files are independent: written side by side (each is written whole or not at all).
            var writes = new List<Action>();
            void Add(string name, Action<Stream> write) => writes.Add(() =>
                ReportWriter.WriteFile(folder, name, write, path => { lock (names) names.Add(Path.GetFileName(path)); }));
            if (formats.HasFlag(ReportFormats.Csv)) Add(CsvFileName, ReportTables.Value(report).WriteCsv);
            if (formats.HasFlag(ReportFormats.Png)) Add(ChartFileName, s => ValueChart.WritePng(report, s));
            if (formats.HasFlag(ReportFormats.Xlsx)) Add(WorkbookFileName, s => WriteWorkbook(report, s));
            Parallel.Invoke([.. writes]);
        });
        var full = Path.GetFullPath(outDir);
        string[] order = [CsvFileName, ChartFileName, WorkbookFileName];
        return names.OrderBy(n => Array.IndexOf(order, n)).Select(n => Path.Combine(full, n)).ToList();
    }

    /// <summary>A workbook with the Value sheet and the series' warnings.</summary>
    public static void WriteWorkbook(ValueReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        var value = ReportTables.Value(report);
        WorkbookWriter.Write([value, ReportTables.Warnings(report.Warnings).WithTitle(value.Title)], "Portfolio value", output);
    }

    /// <summary>Adds a Value sheet to a workbook being built elsewhere.</summary>
    public static void AddSheet(ClosedXML.Excel.XLWorkbook workbook, ValueReport report)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        ArgumentNullException.ThrowIfNull(report);
        ReportTables.Value(report).WriteSheet(workbook);
    }
}

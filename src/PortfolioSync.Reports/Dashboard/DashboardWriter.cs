using System.Text;
using PortfolioSync.Reports.Tables;

namespace PortfolioSync.Reports.Dashboard;

/// <summary>
/// Writes the dashboard into a folder: <c>index.html</c> (self-contained: it needs neither the other files nor a
/// network) and the CSV files its figures come from and its links point to, <c>value.csv</c>, <c>holdings.csv</c>
/// (holdings on the dashboard's day) and <c>warnings.csv</c>, formatted exactly as the report files. The files are
/// written to a temporary folder and moved into place together; other files in the folder are left alone.
/// </summary>
public static class DashboardWriter
{
    /// <returns>The full path of <c>index.html</c>.</returns>
    public static string Write(DashboardReport report, string outDir)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        var files = new DashboardFiles();
        AtomicFolder.WriteFiles(outDir, folder =>
        {
            ReportWriter.WriteFile(folder, files.Value, ReportTables.Value(report.Value).WriteCsv, _ => { });
            ReportWriter.WriteFile(folder, files.Holdings, ReportTables.Holdings(report.Holdings, report.Value.Currency.Code).WriteCsv, _ => { });
            ReportWriter.WriteFile(folder, files.Warnings, ReportTables.Warnings(report.Warnings).WriteCsv, _ => { });
            ReportWriter.WriteFile(folder, files.Page, s => WritePage(report, files, s), _ => { });
        });
        return Path.GetFullPath(Path.Combine(outDir, files.Page));
    }

    /// <summary>The page alone.</summary>
    public static void WritePage(DashboardReport report, DashboardFiles files, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(output);
        var bytes = new UTF8Encoding(false).GetBytes(DashboardPage.Render(report, files));
        output.Write(bytes);
    }
}

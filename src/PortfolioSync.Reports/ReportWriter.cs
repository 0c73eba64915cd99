using PortfolioSync.Reports.Chart;
using PortfolioSync.Reports.Model;
using PortfolioSync.Reports.Tables;
using PortfolioSync.Reports.Xlsx;

namespace PortfolioSync.Reports;

/// <summary>
/// Writes a tax report into <c>&lt;outDir&gt;/&lt;label&gt;/</c> (<c>reports/2024-25/</c>): the CSV files, the
/// workbook <c>tax-report-&lt;label&gt;.xlsx</c> and, when the report has a value series, <c>value.csv</c> and
/// <c>value.png</c>. The folder appears complete or not at all: a failure leaves the previous folder (if any)
/// untouched and no temporary files behind.
/// </summary>
public static class ReportWriter
{
    /// <summary>The name of the notes file written with the CSV files.</summary>
    public const string NotesFileName = "notes.txt";

    /// <returns>The full path of the report folder.</returns>
    public static string Write(TaxReport report, string outDir, ReportFormats formats) =>
        Write(report, outDir, formats, _ => { });

    /// <param name="afterFile">Called with each file's path once it is written, in the files' order (the CSV files are written
    /// two at a time and reported when all are written; tests use it to fail half-way).</param>
    internal static string Write(TaxReport report, string outDir, ReportFormats formats, Action<string> afterFile)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        if (formats == ReportFormats.None) throw new ArgumentException("no report format chosen: use csv, xlsx or png", nameof(formats));
        var target = Path.Combine(outDir, report.Label);
        AtomicFolder.Write(target, folder => WriteFiles(report, folder, formats, afterFile));
        return Path.GetFullPath(target);
    }

    /// <summary>The names of the files <see cref="Write(TaxReport, string, ReportFormats)"/> writes, in writing order.</summary>
    public static IReadOnlyList<string> FileNames(TaxReport report, ReportFormats formats)
    {
        ArgumentNullException.ThrowIfNull(report);
        var names = new List<string>();
        if (formats.HasFlag(ReportFormats.Csv))
        {
            names.AddRange(ReportTables.For(report).Select(t => t.FileName));
            names.Add(NotesFileName);
        }
        if (formats.HasFlag(ReportFormats.Xlsx)) names.Add(WorkbookName(report));
        if (formats.HasFlag(ReportFormats.Png) && report.Value is not null) names.Add(ValueReportWriter.ChartFileName);
        return names;
    }

    /// <summary><c>tax-report-2024-25.xlsx</c>.</summary>
    public static string WorkbookName(TaxReport report) => $"tax-report-{report.Label}.xlsx";

    private static void WriteFiles(TaxReport report, string folder, ReportFormats formats, Action<string> afterFile)
    {
        var tables = ReportTables.For(report);
        if (formats.HasFlag(ReportFormats.Csv))
        {
            // The CSV files are independent: written two at a time (each is flushed to disk before the folder is swapped
            // in, so half of it is waiting), then reported in their order.
            var files = tables.Select(t => (Name: t.FileName, Write: (Action<Stream>)t.WriteCsv))
                .Append((NotesFileName, s => WriteNotes(report, s))).ToList();
            try
            {
                Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = 2 }, f => WriteFile(folder, f.Name, f.Write, _ => { }));
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            }
            foreach (var f in files) afterFile(Path.Combine(folder, f.Name));
        }
        if (formats.HasFlag(ReportFormats.Xlsx))
            WriteFile(folder, WorkbookName(report), s => WorkbookWriter.Write(tables, $"Tax report {report.Label}", s), afterFile);
        if (formats.HasFlag(ReportFormats.Png) && report.Value is { } value)
            WriteFile(folder, ValueReportWriter.ChartFileName, s => ValueChart.WritePng(value, s), afterFile);
    }

    internal static void WriteFile(string folder, string name, Action<Stream> write, Action<string> afterFile)
    {
        var path = Path.Combine(folder, name);
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            write(stream);
            stream.Flush(flushToDisk: true);
        }
        afterFile(path);
    }

    private static void WriteNotes(TaxReport report, Stream stream)
    {
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine($"PortfolioSync tax report {report.Label}");
        writer.WriteLine();
        foreach (var note in report.Notes) writer.WriteLine("- " + note);
        if (report.Country is { } country)
        {
            writer.WriteLine();
            writer.WriteLine("Country files (which form each serves):");
            foreach (var note in country.Notes) writer.WriteLine("- " + note);
        }
        writer.WriteLine();
        writer.WriteLine("The files and their columns are described in docs/reports.md.");
    }
}

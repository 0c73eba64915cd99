using ClosedXML.Excel;
using PortfolioSync.Reports.Tables;

namespace PortfolioSync.Reports.Xlsx;

/// <summary>Writes report tables as one workbook, one sheet each, byte-identical for the same tables.</summary>
internal static class WorkbookWriter
{
    /// <summary>The creation and modification time stored in every workbook: fixed, so output does not depend on the clock.</summary>
    public static readonly DateTime FixedTime = new(1980, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <param name="streamFrom">Tables with more rows than this have their data rows streamed into the saved
    /// package instead of going through ClosedXML cells (same result, a fraction of the time and memory).</param>
    public static void Write(IEnumerable<IReportTable> tables, string title, Stream output, int streamFrom = SheetWriter.DefaultStreamFrom)
    {
        using var workbook = new XLWorkbook();
        var streamed = new List<StreamedRows>();
        foreach (var table in tables) table.WriteSheet(workbook, streamed, streamFrom);
        Save(workbook, title, output, streamed);
    }

    /// <summary>Sets fixed document properties, saves, adds the streamed rows and normalizes the package.</summary>
    public static void Save(XLWorkbook workbook, string title, Stream output, IReadOnlyCollection<StreamedRows>? streamed = null)
    {
        var p = workbook.Properties;
        p.Title = title;
        p.Author = "PortfolioSync";
        p.LastModifiedBy = "PortfolioSync";
        p.Created = FixedTime;
        p.Modified = FixedTime;
        // No cached formula results are stored: have Excel and LibreOffice compute them when the file opens.
        workbook.FullCalculationOnLoad = true;
        if (workbook.Worksheets.Count > 0) workbook.Worksheet(1).SetTabActive();
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        buffer.Position = 0;
        XlsxPackage.Finish(buffer, output, streamed ?? []);
    }
}

namespace PortfolioSync.Reports.Tables;

/// <summary>A table that can be written as a CSV file and as a workbook sheet.</summary>
internal interface IReportTable
{
    /// <summary>The CSV file name, e.g. <c>disposals.csv</c>.</summary>
    string FileName { get; }

    /// <summary>The worksheet name, e.g. <c>Disposals</c>.</summary>
    string SheetName { get; }

    IReadOnlyList<string> ColumnNames { get; }

    int RowCount { get; }

    void WriteCsv(Stream stream);

    /// <summary>The same table with <paramref name="title"/> in its printed page header.</summary>
    IReportTable WithTitle(string title);

    /// <summary>Adds the table as a sheet; the data rows of a table longer than <paramref name="streamFrom"/> rows
    /// go to <paramref name="streamed"/> to be written at save time.</summary>
    void WriteSheet(ClosedXML.Excel.XLWorkbook workbook, ICollection<Xlsx.StreamedRows>? streamed = null, int streamFrom = Xlsx.SheetWriter.DefaultStreamFrom);
}

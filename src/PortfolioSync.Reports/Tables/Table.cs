using ClosedXML.Excel;
using PortfolioSync.Reports.Csv;
using PortfolioSync.Reports.Xlsx;

namespace PortfolioSync.Reports.Tables;

/// <summary>Rows of one type with their columns: one CSV file and one worksheet.</summary>
internal sealed class Table<T>(string fileName, string sheetName, IReadOnlyList<Column<T>> columns, IReadOnlyList<T> rows)
    : IReportTable
{
    public string FileName { get; } = fileName;

    public string SheetName { get; } = sheetName;

    public IReadOnlyList<Column<T>> Columns { get; } = columns;

    public IReadOnlyList<T> Rows { get; } = rows;

    public IReadOnlyList<string> ColumnNames => Columns.Select(c => c.Name).ToList();

    public int RowCount => Rows.Count;

    /// <summary>Printed in the page header of the sheet with its name, e.g. <c>Tax report 2024-25 (GBP)</c>.</summary>
    public string Title { get; init; } = "";

    /// <summary>Rows shown in bold in the workbook (e.g. a day's total).</summary>
    public Func<T, bool>? Emphasize { get; init; }

    /// <summary>A last row written to the CSV file only (the workbook has formulas instead).</summary>
    public T? CsvTotal { get; init; }

    /// <summary>Lines shown under the table in the workbook (notes).</summary>
    public IReadOnlyList<string> SheetNotes { get; init; } = [];

    /// <summary>Title and value pairs shown to the right of the table in the workbook.</summary>
    public IReadOnlyList<(string Title, object? Value, ColumnKind Kind)> SheetFacts { get; init; } = [];

    public void WriteCsv(Stream stream) => CsvTableWriter.Write(this, stream);

    public IReportTable WithTitle(string title) => new Table<T>(FileName, SheetName, Columns, Rows)
    {
        Title = title,
        Emphasize = Emphasize,
        CsvTotal = CsvTotal,
        SheetNotes = SheetNotes,
        SheetFacts = SheetFacts,
    };

    public void WriteSheet(XLWorkbook workbook, ICollection<StreamedRows>? streamed = null, int streamFrom = SheetWriter.DefaultStreamFrom) =>
        SheetWriter.Write(workbook, this, streamed: streamed, streamFrom: streamFrom);
}

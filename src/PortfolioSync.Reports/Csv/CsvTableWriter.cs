using CsvHelper;
using PortfolioSync.Reports.Tables;

namespace PortfolioSync.Reports.Csv;

/// <summary>
/// Writes a report table as CSV: UTF-8 without BOM, <c>\n</c> line ends, RFC 4180 quoting (a field is quoted only
/// when it holds a comma, a quote, CR or LF), header first. Every value is pre-formatted by its
/// <see cref="Column{T}"/> with the invariant culture, so the bytes do not depend on the machine's culture.
/// </summary>
internal static class CsvTableWriter
{
    /// <summary>Shared by every report CSV file.</summary>
    public static CsvWriterOptions Options { get; } = new()
    {
        NewLine = "\n",
        FormatProvider = System.Globalization.CultureInfo.InvariantCulture,
        WriteByteOrderMark = false,
        Quoting = CsvQuoting.WhenNeeded,
        Injection = CsvInjection.None,
    };

    public static void Write<T>(Table<T> table, Stream stream)
    {
        using var csv = CsvWriter.Create(stream, Options, leaveOpen: true);
        var names = table.Columns.Select(c => c.Name).ToArray();
        csv.WriteHeader(names);
        var columns = table.Columns;
        foreach (var row in table.Rows) WriteRow(csv, columns, row);
        if (table.CsvTotal is { } total) WriteRow(csv, columns, total);
        csv.Flush();
    }

    private static void WriteRow<T>(CsvWriter csv, IReadOnlyList<Column<T>> columns, T row)
    {
        for (var i = 0; i < columns.Count; i++) csv.WriteField(columns[i].Csv(row));
        csv.EndRecord();
    }
}

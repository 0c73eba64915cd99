using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using PortfolioSync.Reports.Tables;

namespace PortfolioSync.Reports.Xlsx;

/// <summary>
/// The data rows of a large sheet, written straight into the saved sheet XML instead of through ClosedXML's cell
/// objects (which take tens of seconds and gigabytes for a few million cells). ClosedXML still writes everything
/// else (header, column styles and widths, total formulas, notes, page setup); these rows go between the header row
/// and whatever follows it. Each cell gets its column's style, exactly what a ClosedXML cell would inherit; the cells
/// of an emphasized row (<see cref="Table{T}.Emphasize"/>) get a bold copy of it, empty ones included, as a bold
/// ClosedXML range gives them. Cells ClosedXML wrote in the same rows to the right of the table (the sheet facts) are
/// merged into these rows.
/// </summary>
internal sealed class StreamedRows
{
    private readonly Action<TextWriter, Styles> _write;

    private StreamedRows(string sheetName, int columnCount, int lastRow, bool emphasis, Action<TextWriter, Styles> write)
    {
        SheetName = sheetName;
        ColumnCount = columnCount;
        LastRow = lastRow;
        HasEmphasis = emphasis;
        _write = write;
    }

    /// <summary>What the rows need from the saved workbook.</summary>
    /// <param name="Column">The style index of each column (from the saved sheet's <c>cols</c>).</param>
    /// <param name="Bold">The style index of each column's bold copy (empty when no row is emphasized).</param>
    /// <param name="Extra">Cell XML ClosedXML wrote to the right of the table, by row number.</param>
    public sealed record Styles(IReadOnlyList<int> Column, IReadOnlyList<int> Bold, IReadOnlyDictionary<int, string> Extra);

    /// <summary>Whether some row is emphasized (and so needs bold styles).</summary>
    public bool HasEmphasis { get; }

    public string SheetName { get; }

    public int ColumnCount { get; }

    /// <summary>The last row number the streamed rows use (they start at row 2).</summary>
    public int LastRow { get; }

    /// <param name="lines">How many lines of text a row needs (asked when the rows are written, once column widths
    /// are final); rows needing more than one get that height.</param>
    public static StreamedRows For<T>(Table<T> table, int count, Func<T, int>? lines = null)
    {
        var columns = table.Columns;
        var letters = Enumerable.Range(1, columns.Count).Select(c => XLHelper.GetColumnLetterFromNumber(c)).ToArray();
        var emphasize = table.Emphasize;
        var emphasis = emphasize is not null && table.Rows.Take(count).Any(emphasize);
        return new StreamedRows(table.SheetName, columns.Count, count + 1, emphasis, (writer, all) =>
        {
            var buffer = new StringBuilder(256);
            for (var r = 0; r < count; r++)
            {
                var row = table.Rows[r];
                var bold = emphasis && emphasize!(row);
                var styles = bold ? all.Bold : all.Column;
                var number = (r + 2).ToString(CultureInfo.InvariantCulture);
                buffer.Clear().Append("<x:row r=\"").Append(number).Append('"');
                if (lines?.Invoke(row) is > 1 and var n)
                    buffer.Append(" ht=\"").Append((15 * n).ToString(CultureInfo.InvariantCulture)).Append("\" customHeight=\"1\"");
                buffer.Append('>');
                for (var c = 0; c < columns.Count; c++)
                {
                    switch (columns[c].Cell(row))
                    {
                        case string s when s.Length > 0:
                            Start(buffer, letters[c], number, styles[c]).Append(" t=\"inlineStr\"><x:is><x:t xml:space=\"preserve\">");
                            AppendEscaped(buffer, s).Append("</x:t></x:is></x:c>");
                            break;
                        case double d:
                            Start(buffer, letters[c], number, styles[c]).Append("><x:v>")
                                .Append(d.ToString("R", CultureInfo.InvariantCulture)).Append("</x:v></x:c>");
                            break;
                        case DateTime t:
                            var serial = Excel.Serial(Excel.ToWholeSeconds(t));
                            Start(buffer, letters[c], number, styles[c]).Append("><x:v>")
                                .Append(serial.ToString("R", CultureInfo.InvariantCulture)).Append("</x:v></x:c>");
                            break;
                        default:
                            if (bold) Start(buffer, letters[c], number, styles[c]).Append(" />");
                            break;
                    }
                }
                if (all.Extra.TryGetValue(r + 2, out var extra)) buffer.Append(extra);
                buffer.Append("</x:row>");
                writer.Write(buffer);
            }
        });
    }

    public void Write(TextWriter writer, Styles styles) => _write(writer, styles);

    private static StringBuilder Start(StringBuilder b, string letter, string row, int style) =>
        b.Append("<x:c r=\"").Append(letter).Append(row).Append("\" s=\"").Append(style.ToString(CultureInfo.InvariantCulture)).Append('"');

    /// <summary>XML text escaping; characters XML 1.0 cannot carry become U+FFFD.</summary>
    private static StringBuilder AppendEscaped(StringBuilder b, string s)
    {
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '&': b.Append("&amp;"); break;
                case '<': b.Append("&lt;"); break;
                case '>': b.Append("&gt;"); break;
                case '\t' or '\n' or '\r': b.Append(ch); break;
                case < ' ' or '\uFFFE' or '\uFFFF': b.Append('\uFFFD'); break;
                default: b.Append(ch); break;
            }
        }
        return b;
    }
}

using System.Globalization;
using ClosedXML.Excel;
using PortfolioSync.Reports.Tables;

namespace PortfolioSync.Reports.Xlsx;

/// <summary>
/// Writes one report table as a worksheet: a bold, shaded, frozen header row with an auto filter; typed cells
/// (numbers, real dates) with number formats; explicit column widths; a bold Total row of SUM formulas under the
/// columns that add up; notes under the table; A4 page setup with the header row repeated on every page.
/// </summary>
internal static class SheetWriter
{
    /// <summary>Rows a worksheet can hold (Excel's limit).</summary>
    public const int SheetRowLimit = 1_048_576;

    /// <summary>Sheets wider than this many characters print in landscape.</summary>
    private const double PortraitWidth = 100;

    private static readonly XLColor HeaderFill = XLColor.FromArgb(0xDD, 0xE5, 0xF0);

    /// <summary>Tables with more rows than this have their data rows streamed (see <see cref="StreamedRows"/>).</summary>
    public const int DefaultStreamFrom = 2_000;

    /// <param name="rowLimit">Rows the sheet may use; a table with more rows is cut with a note saying so
    /// (the CSV file has every row). Tests pass a small limit.</param>
    /// <param name="streamed">Where to put the data rows of a large table to be streamed at save time; null writes
    /// every row through ClosedXML.</param>
    /// <param name="streamFrom">Stream the data rows of tables with more rows than this.</param>
    public static IXLWorksheet Write<T>(XLWorkbook workbook, Table<T> table, int rowLimit = SheetRowLimit,
        ICollection<StreamedRows>? streamed = null, int streamFrom = DefaultStreamFrom)
    {
        var ws = workbook.AddWorksheet(table.SheetName);
        var columns = table.Columns;
        var n = columns.Count;
        // Header, data, a Total row, a cut-off note: keep room for all of them.
        var count = Math.Min(table.Rows.Count, rowLimit - 3);
        var lastDataRow = count + 1;
        var widths = columns.Select(c => c.Name.Length * 1.15 + 2).ToArray();

        // Column styles first: cells created afterwards take their style from the column (no per-cell restyling).
        for (var c = 0; c < n; c++)
        {
            var column = ws.Column(c + 1);
            Align(column.Style, columns[c]);
            if (NumberFormats.For(columns[c].Kind) is { } format) column.Style.NumberFormat.Format = format;
            if (columns[c].Wrap) column.Style.Alignment.WrapText = true;
        }

        var stream = streamed is not null && count > streamFrom;
        if (stream) streamed!.Add(StreamedRows.For(table, count, WrappedLines(ws, table)));
        for (var r = 0; r < count; r++)
        {
            var row = table.Rows[r];
            if (stream)
            {
                for (var c = 0; c < n; c++) widths[c] = Math.Max(widths[c], columns[c].DisplayLength(row) + 2);
                continue;
            }
            var xlRow = ws.Row(r + 2);
            for (var c = 0; c < n; c++)
            {
                var column = columns[c];
                switch (column.Cell(row))
                {
                    case string s when s.Length > 0: xlRow.Cell(c + 1).SetValue(s); break;
                    case double d: xlRow.Cell(c + 1).SetValue(d); break;
                    case DateTime t: xlRow.Cell(c + 1).SetValue(Excel.ToWholeSeconds(t)); break;
                }
                widths[c] = Math.Max(widths[c], column.DisplayLength(row) + 2);
            }
            if (table.Emphasize?.Invoke(row) == true) ws.Range(r + 2, 1, r + 2, n).Style.Font.Bold = true;
        }

        for (var c = 0; c < n; c++)
        {
            // The bold total under a column is usually its widest number.
            if (columns[c].Total) widths[c] = Math.Max(widths[c], columns[c].NumberLength(columns[c].Sum(table.Rows.Take(count))) * 1.1 + 2);
            ws.Column(c + 1).Width = Math.Min(columns[c].MaxWidth, widths[c]);
        }
        if (!stream) SetWrappedRowHeights(ws, table, count);

        for (var c = 0; c < n; c++)
        {
            var cell = ws.Cell(1, c + 1);
            cell.SetValue(columns[c].Name);
            cell.Style.NumberFormat.Format = "@";
            Align(cell.Style, columns[c]);
        }
        var header = ws.Range(1, 1, 1, n);
        header.Style.Font.Bold = true;
        header.Style.Fill.BackgroundColor = HeaderFill;
        header.Style.Border.BottomBorder = XLBorderStyleValues.Thin;
        ws.Range(1, 1, lastDataRow, n).SetAutoFilter();
        ws.SheetView.FreezeRows(1);

        var next = lastDataRow + 1;
        if (columns.Any(c => c.Total)) WriteTotals(ws, table, count, next++);
        if (count < table.Rows.Count)
        {
            var cut = ws.Cell(next++, 1);
            cut.SetValue(string.Create(CultureInfo.InvariantCulture,
                $"The sheet shows the first {count:N0} of {table.Rows.Count:N0} rows; {table.FileName} has them all."));
            cut.Style.Font.Italic = true;
            cut.Style.Alignment.WrapText = false;
        }
        WriteFacts(ws, table, n);
        WriteNotes(ws, table, next + 1);
        SetUpPage(ws, table);
        return ws;
    }

    /// <summary>
    /// Rows whose wrapped text needs more than one line get the height for it (LibreOffice keeps the stored height,
    /// so text would otherwise spill over the next row).
    /// </summary>
    private static void SetWrappedRowHeights<T>(IXLWorksheet ws, Table<T> table, int count)
    {
        if (WrappedLines(ws, table) is not { } lines) return;
        for (var r = 0; r < count; r++)
            if (lines(table.Rows[r]) is > 1 and var n) ws.Row(r + 2).Height = 15 * n;
    }

    /// <summary>The lines a row's wrapped text needs at the columns' current widths; null when no column wraps.</summary>
    private static Func<T, int>? WrappedLines<T>(IXLWorksheet ws, Table<T> table)
    {
        var wrapped = table.Columns.Select((column, index) => (column, index)).Where(x => x.column.Wrap).ToList();
        if (wrapped.Count == 0) return null;
        return row =>
        {
            var lines = 1;
            foreach (var (column, index) in wrapped)
                if (column.Cell(row) is string text)
                    lines = Math.Max(lines, LinesNeeded(text, ws.Column(index + 1).Width));
            return lines;
        };
    }

    /// <summary>Lines <paramref name="text"/> takes in a column <paramref name="width"/> characters wide (an estimate: text is narrower than digits).</summary>
    internal static int LinesNeeded(string text, double width)
    {
        var perLine = Math.Max(1, (width - 1) * 1.2);
        var lines = 0;
        foreach (var line in text.AsSpan().EnumerateLines()) lines += Math.Max(1, (int)Math.Ceiling(line.Length / perLine));
        return Math.Max(1, lines);
    }

    /// <summary>Numbers right, everything else left with a one-character indent (so it does not touch a number).</summary>
    private static void Align<T>(IXLStyle style, Column<T> column)
    {
        if (column.IsNumeric) style.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;
        else
        {
            style.Alignment.Horizontal = XLAlignmentHorizontalValues.Left;
            style.Alignment.Indent = 1;
        }
        style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
    }

    private static void WriteTotals<T>(IXLWorksheet ws, Table<T> table, int count, int row)
    {
        var columns = table.Columns;
        var label = ws.Cell(row, 1);
        label.SetValue("Total");
        for (var c = 0; c < columns.Count; c++)
        {
            var column = columns[c];
            if (!column.Total) continue;
            var cell = ws.Cell(row, c + 1);
            if (count == 0) cell.SetValue(0d);
            else if (table.Rows.Take(count).Any(column.IsEmpty))
            {
                // Unknown values: a SUM would count them as zero.
                cell.SetValue("incomplete");
                cell.Style.Font.Italic = true;
                cell.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;
            }
            else
            {
                var letter = XLHelper.GetColumnLetterFromNumber(c + 1);
                cell.FormulaA1 = string.Create(CultureInfo.InvariantCulture, $"SUM({letter}2:{letter}{count + 1})");
            }
            if (NumberFormats.For(column.Kind) is { } format) cell.Style.NumberFormat.Format = format;
        }
        var range = ws.Range(row, 1, row, columns.Count);
        range.Style.Font.Bold = true;
        range.Style.Border.TopBorder = XLBorderStyleValues.Thin;
        range.Style.Border.BottomBorder = XLBorderStyleValues.Double;
    }

    /// <summary>Title/value pairs in two columns to the right of the table, one blank column away.</summary>
    private static void WriteFacts<T>(IXLWorksheet ws, Table<T> table, int n)
    {
        if (table.SheetFacts.Count == 0) return;
        var titleColumn = n + 2;
        ws.Column(titleColumn).Width = Math.Max(16, table.SheetFacts.Max(f => f.Title.Length) + 2);
        ws.Column(titleColumn + 1).Width = 16;
        for (var i = 0; i < table.SheetFacts.Count; i++)
        {
            var (title, value, kind) = table.SheetFacts[i];
            var titleCell = ws.Cell(i + 1, titleColumn);
            titleCell.SetValue(title);
            titleCell.Style.Font.Bold = true;
            var cell = ws.Cell(i + 1, titleColumn + 1);
            switch (value)
            {
                case string s: cell.SetValue(s); break;
                case double d: cell.SetValue(d); break;
                case DateTime t: cell.SetValue(t); break;
                default: cell.SetValue("unknown"); cell.Style.Font.Italic = true; break;
            }
            if (NumberFormats.For(kind) is { } format) cell.Style.NumberFormat.Format = format;
            cell.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;
        }
    }

    /// <summary>"Notes" and one wrapped line per note, each merged across the table's width.</summary>
    private static void WriteNotes<T>(IXLWorksheet ws, Table<T> table, int firstRow)
    {
        if (table.SheetNotes.Count == 0) return;
        var columns = table.Columns;
        var span = columns.Count;
        var chars = Enumerable.Range(1, span).Sum(c => ws.Column(c).Width);
        var title = ws.Cell(firstRow, 1);
        title.SetValue("Notes");
        title.Style.Font.Bold = true;
        title.Style.Alignment.Indent = 0;
        var row = firstRow + 1;
        foreach (var note in table.SheetNotes)
        {
            var range = ws.Range(row, 1, row, span);
            range.Merge();
            var cell = ws.Cell(row, 1);
            cell.SetValue(note);
            cell.Style.Alignment.WrapText = true;
            cell.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
            cell.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Left;
            cell.Style.Alignment.Indent = 0;
            cell.Style.NumberFormat.Format = "@";
            ws.Row(row).Height = 15 * LinesNeeded(note, chars);
            row++;
        }
    }

    private static void SetUpPage<T>(IXLWorksheet ws, Table<T> table)
    {
        var setup = ws.PageSetup;
        setup.PaperSize = XLPaperSize.A4Paper;
        var width = Enumerable.Range(1, table.Columns.Count + (table.SheetFacts.Count > 0 ? 3 : 0)).Sum(c => ws.Column(c).Width);
        setup.PageOrientation = width > PortraitWidth ? XLPageOrientation.Landscape : XLPageOrientation.Portrait;
        setup.SetRowsToRepeatAtTop(1, 1);
        setup.FitToPages(1, 0);
        setup.Margins.Left = 0.4;
        setup.Margins.Right = 0.4;
        setup.Margins.Top = 0.6;
        setup.Margins.Bottom = 0.6;
        setup.Margins.Header = 0.3;
        setup.Margins.Footer = 0.3;
        setup.Header.Center.AddText(table.Title.Length > 0 ? $"{table.Title}: {table.SheetName}" : table.SheetName);
        setup.Footer.Center.AddText("Page ");
        setup.Footer.Center.AddText(XLHFPredefinedText.PageNumber);
        setup.Footer.Center.AddText(" of ");
        setup.Footer.Center.AddText(XLHFPredefinedText.NumberOfPages);
    }
}

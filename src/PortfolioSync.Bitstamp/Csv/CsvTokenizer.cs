using System.Text;

namespace PortfolioSync.Bitstamp.Csv;

/// <summary>
/// Splits RFC 4180 text into records of cells: <c>,</c> separates, <c>"</c> quotes (a doubled <c>""</c> is one quote),
/// quoted cells may hold commas and line breaks, lines end in <c>\r\n</c> or <c>\n</c>. A leading BOM is dropped.
/// Blank lines are skipped. Each record carries the line it starts on (1-based).
/// </summary>
internal static class CsvTokenizer
{
    public static IEnumerable<(int Line, List<string> Cells)> Read(string file, string text)
    {
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var line = 1;
        while (i < text.Length)
        {
            var start = line;
            var cells = new List<string>();
            var cell = new StringBuilder();
            var quoted = false;
            var wasQuoted = false;
            var ended = false;
            while (i < text.Length && !ended)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i += 2; continue; }
                        quoted = false;
                        i++;
                        continue;
                    }
                    if (c == '\n') line++;
                    cell.Append(c);
                    i++;
                    continue;
                }
                switch (c)
                {
                    case '"' when cell.Length == 0 && !wasQuoted:
                        quoted = wasQuoted = true;
                        i++;
                        break;
                    case '"':
                        throw new CsvImportException(file, line, null, "a quote inside an unquoted cell (RFC 4180 quotes the whole cell)");
                    case ',':
                        cells.Add(cell.ToString());
                        cell.Clear();
                        wasQuoted = false;
                        i++;
                        break;
                    case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                        i += 2;
                        line++;
                        ended = true;
                        break;
                    case '\n':
                        i++;
                        line++;
                        ended = true;
                        break;
                    default:
                        if (wasQuoted)
                            throw new CsvImportException(file, line, null, "text after the closing quote of a cell");
                        cell.Append(c);
                        i++;
                        break;
                }
            }
            if (quoted) throw new CsvImportException(file, start, null, "a quoted cell is not closed before the end of the file");
            cells.Add(cell.ToString());
            if (cells.Count == 1 && cells[0].Length == 0 && !wasQuoted) continue;   // blank line
            yield return (start, cells);
        }
    }
}

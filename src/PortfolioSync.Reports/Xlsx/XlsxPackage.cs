using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ClosedXML.Excel;

namespace PortfolioSync.Reports.Xlsx;

/// <summary>
/// Finishes a workbook ClosedXML saved: copies its parts in the same order into the output package, with two jobs
/// done on the way.
/// <list type="bullet">
/// <item>Byte-identical output for the same content. System.IO.Packaging gives the package relationships random ids
/// (<c>R3f9a…</c>), names the core properties part after a random GUID and stamps every zip entry with the current
/// time; those become fixed values.</item>
/// <item>The data rows of large sheets (<see cref="StreamedRows"/>) are written into their sheet's XML, after the
/// header row.</item>
/// </list>
/// </summary>
internal static partial class XlsxPackage
{
    /// <summary>The time every zip entry gets (the earliest a zip file can hold).</summary>
    private static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const string CorePropertiesFolder = "package/services/metadata/core-properties/";
    private const string CorePropertiesName = CorePropertiesFolder + "core.psmdcp";

    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly XNamespace PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    public static void Finish(Stream saved, Stream output, IReadOnlyCollection<StreamedRows> streamed)
    {
        using var source = new ZipArchive(saved, ZipArchiveMode.Read, leaveOpen: true);
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in source.Entries)
            if (entry.FullName.StartsWith(CorePropertiesFolder, StringComparison.Ordinal) && entry.FullName.EndsWith(".psmdcp", StringComparison.Ordinal))
                renames[entry.FullName] = CorePropertiesName;
        var streamedByPart = streamed.Count == 0 ? [] : SheetParts(source).Join(streamed, p => p.Sheet, s => s.SheetName,
            (p, s) => (p.Part, Rows: s), StringComparer.Ordinal).ToDictionary(x => x.Part, x => x.Rows, StringComparer.Ordinal);
        if (streamedByPart.Count != streamed.Count)
            throw new InvalidOperationException("a streamed sheet was not found in the saved workbook");

        // Streamed sheets are prepared first: their bold styles may have to be added to the styles part.
        var sheets = streamedByPart.ToDictionary(x => x.Key, x => Split(ReadAll(source.GetEntry(x.Key)!.Open()), x.Value), StringComparer.Ordinal);
        string? stylesPart = null, stylesXml = null;
        var needBold = sheets.Values.Where(s => s.Rows.HasEmphasis).SelectMany(s => s.ColumnStyles).Distinct().Order().ToList();
        var bold = new Dictionary<int, int>();
        if (needBold.Count > 0)
        {
            stylesPart = StylesPart(source);
            stylesXml = AddBoldCopies(ReadAll(source.GetEntry(stylesPart)!.Open()), needBold, bold);
        }

        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        using var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var entry in source.Entries)
        {
            var name = renames.GetValueOrDefault(entry.FullName, entry.FullName);
            var copy = target.CreateEntry(name, CompressionLevel.Optimal);
            copy.LastWriteTime = EntryTime;
            using var to = copy.Open();
            if (sheets.TryGetValue(name, out var sheet))
            {
                WriteSheet(sheet, bold, to);
                continue;
            }
            if (string.Equals(name, stylesPart, StringComparison.Ordinal))
            {
                to.Write(new UTF8Encoding(false).GetBytes(stylesXml!));
                continue;
            }
            using var from = entry.Open();
            if (name.EndsWith(".rels", StringComparison.Ordinal))
            {
                var text = ReadAll(from);
                text = RandomId().Replace(text, m => "Id=\"" + StableId(ids, m.Groups[1].Value) + "\"");
                foreach (var (old, renamed) in renames) text = text.Replace("/" + old, "/" + renamed, StringComparison.Ordinal);
                to.Write(new UTF8Encoding(false).GetBytes(text));
            }
            else from.CopyTo(to);
        }
    }

    /// <summary>A saved sheet cut after its header row, with the rows ClosedXML wrote inside the streamed range (the
    /// sheet facts to the right of the table) taken out of the rest, to be merged into the streamed rows.</summary>
    private sealed record PreparedSheet(StreamedRows Rows, string Head, string Tail, int[] ColumnStyles, Dictionary<int, string> Extra);

    private static PreparedSheet Split(string xml, StreamedRows rows)
    {
        const string rowEnd = "</x:row>";
        var headerEnd = xml.IndexOf(rowEnd, StringComparison.Ordinal);
        if (headerEnd < 0 || !xml.Contains("<x:sheetData>", StringComparison.Ordinal))
            throw new InvalidOperationException($"sheet {rows.SheetName}: unexpected XML from ClosedXML (no header row)");
        headerEnd += rowEnd.Length;
        var styles = ColumnStyles(xml, rows.ColumnCount);
        var head = Dimension().Replace(xml[..headerEnd], m => Widen(m, rows), 1);
        var extra = new Dictionary<int, string>();
        var position = headerEnd;
        for (var m = RowElement().Match(xml, position); m.Success && m.Index == position; m = RowElement().Match(xml, position))
        {
            var number = int.Parse(m.Groups["r"].Value, CultureInfo.InvariantCulture);
            if (number > rows.LastRow) break;
            var cells = m.Groups["cells"].Value;
            foreach (Match cell in CellReference().Matches(cells))
                if (XLHelper.GetColumnNumberFromLetter(cell.Groups["col"].Value) <= rows.ColumnCount)
                    throw new InvalidOperationException(
                        $"sheet {rows.SheetName}: ClosedXML wrote cell {cell.Groups["col"].Value}{number} inside the streamed rows");
            extra[number] = cells;
            position = m.Index + m.Length;
        }
        return new PreparedSheet(rows, head, xml[position..], styles, extra);
    }

    /// <summary>The sheet XML with the streamed rows after the header row and the dimension widened to cover them.</summary>
    private static void WriteSheet(PreparedSheet sheet, IReadOnlyDictionary<int, int> bold, Stream output)
    {
        int[] boldStyles = sheet.Rows.HasEmphasis ? sheet.ColumnStyles.Select(s => bold[s]).ToArray() : [];
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        writer.Write(sheet.Head);
        sheet.Rows.Write(writer, new StreamedRows.Styles(sheet.ColumnStyles, boldStyles, sheet.Extra));
        writer.Write(sheet.Tail);
    }

    /// <summary>
    /// Appends to the styles part, for each cell format in <paramref name="formats"/>, a copy whose font is a bold copy
    /// of its font, and records original → copy in <paramref name="bold"/>.
    /// </summary>
    private static string AddBoldCopies(string xml, IReadOnlyList<int> formats, Dictionary<int, int> bold)
    {
        var doc = XDocument.Parse(xml);
        var root = doc.Root!;
        var fonts = root.Element(Main + "fonts") ?? throw new InvalidOperationException("the saved styles have no fonts");
        var cellXfs = root.Element(Main + "cellXfs") ?? throw new InvalidOperationException("the saved styles have no cell formats");
        var fontList = fonts.Elements(Main + "font").ToList();
        var xfList = cellXfs.Elements(Main + "xf").ToList();
        var boldFonts = new Dictionary<int, int>();
        foreach (var format in formats)
        {
            var xf = new XElement(xfList[format]);
            var fontId = (int?)xf.Attribute("fontId") ?? 0;
            if (!boldFonts.TryGetValue(fontId, out var boldFont))
            {
                var font = new XElement(fontList[fontId]);
                if (font.Element(Main + "b") is null) font.AddFirst(new XElement(Main + "b"));
                boldFont = fontList.Count + boldFonts.Count;
                fonts.Add(font);
                boldFonts[fontId] = boldFont;
            }
            xf.SetAttributeValue("fontId", boldFont.ToString(CultureInfo.InvariantCulture));
            xf.SetAttributeValue("applyFont", "1");
            bold[format] = xfList.Count + bold.Count;
            cellXfs.Add(xf);
        }
        fonts.SetAttributeValue("count", fonts.Elements(Main + "font").Count().ToString(CultureInfo.InvariantCulture));
        cellXfs.SetAttributeValue("count", cellXfs.Elements(Main + "xf").Count().ToString(CultureInfo.InvariantCulture));
        return doc.Declaration + doc.ToString(System.Xml.Linq.SaveOptions.DisableFormatting);
    }

    /// <summary>The zip part of the workbook's styles, from the workbook's relationships.</summary>
    private static string StylesPart(ZipArchive package)
    {
        var rels = XDocument.Parse(ReadAll(package.GetEntry("xl/_rels/workbook.xml.rels")!.Open()));
        var target = rels.Root!.Elements(PackageRelationships + "Relationship")
            .Where(r => ((string)r.Attribute("Type")!).EndsWith("/styles", StringComparison.Ordinal))
            .Select(r => (string)r.Attribute("Target")!)
            .FirstOrDefault() ?? throw new InvalidOperationException("the saved workbook has no styles part");
        return target.StartsWith('/') ? target[1..] : "xl/" + target;
    }

    /// <summary>The style index of each column from the sheet's <c>cols</c> element (0 when a column has none).</summary>
    private static int[] ColumnStyles(string xml, int count)
    {
        var styles = new int[count];
        foreach (Match col in ColumnElement().Matches(xml))
        {
            var min = int.Parse(col.Groups["min"].Value, CultureInfo.InvariantCulture);
            var max = int.Parse(col.Groups["max"].Value, CultureInfo.InvariantCulture);
            var style = col.Groups["style"].Success ? int.Parse(col.Groups["style"].Value, CultureInfo.InvariantCulture) : 0;
            for (var c = min; c <= Math.Min(max, count); c++) styles[c - 1] = style;
        }
        return styles;
    }

    private static string Widen(Match dimension, StreamedRows rows)
    {
        var lastColumn = Math.Max(rows.ColumnCount,
            dimension.Groups["col"].Success ? XLHelper.GetColumnNumberFromLetter(dimension.Groups["col"].Value) : 1);
        var lastRow = Math.Max(rows.LastRow,
            dimension.Groups["row"].Success ? int.Parse(dimension.Groups["row"].Value, CultureInfo.InvariantCulture) : 1);
        return string.Create(CultureInfo.InvariantCulture,
            $"<x:dimension ref=\"A1:{XLHelper.GetColumnLetterFromNumber(lastColumn)}{lastRow}\" />");
    }

    /// <summary>Sheet name and zip part of every worksheet, from the workbook and its relationships.</summary>
    private static IEnumerable<(string Sheet, string Part)> SheetParts(ZipArchive package)
    {
        var workbook = XDocument.Parse(ReadAll(package.GetEntry("xl/workbook.xml")!.Open()));
        var rels = XDocument.Parse(ReadAll(package.GetEntry("xl/_rels/workbook.xml.rels")!.Open()));
        var targets = rels.Root!.Elements(PackageRelationships + "Relationship")
            .ToDictionary(r => (string)r.Attribute("Id")!, r => (string)r.Attribute("Target")!, StringComparer.Ordinal);
        foreach (var sheet in workbook.Descendants(Main + "sheet"))
        {
            var target = targets[(string)sheet.Attribute(Relationships + "id")!];
            yield return ((string)sheet.Attribute("name")!, target.StartsWith('/') ? target[1..] : "xl/" + target);
        }
    }

    private static string ReadAll(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
        return reader.ReadToEnd();
    }

    /// <summary>The first random id seen becomes <c>Rp1</c>, the next <c>Rp2</c>, …</summary>
    private static string StableId(Dictionary<string, string> ids, string random)
    {
        if (!ids.TryGetValue(random, out var id))
            ids[random] = id = "Rp" + (ids.Count + 1).ToString(CultureInfo.InvariantCulture);
        return id;
    }

    // The ids System.IO.Packaging makes up: "R" and 16 hex digits.
    [GeneratedRegex("Id=\"(R[0-9a-f]{16})\"", RegexOptions.CultureInvariant)]
    private static partial Regex RandomId();

    [GeneratedRegex("<x:col (?=[^>]*min=\"(?<min>\\d+)\")(?=[^>]*max=\"(?<max>\\d+)\")(?:(?=[^>]*style=\"(?<style>\\d+)\"))?[^>]*/>",
        RegexOptions.CultureInvariant)]
    private static partial Regex ColumnElement();

    [GeneratedRegex("<x:row r=\"(?<r>\\d+)\"[^>]*?(?:/>|>(?<cells>.*?)</x:row>)", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex RowElement();

    [GeneratedRegex("<x:c r=\"(?<col>[A-Z]+)\\d+\"", RegexOptions.CultureInvariant)]
    private static partial Regex CellReference();

    [GeneratedRegex("<x:dimension ref=\"[A-Z]+\\d+(?::(?<col>[A-Z]+)(?<row>\\d+))?\" ?/>", RegexOptions.CultureInvariant)]
    private static partial Regex Dimension();
}

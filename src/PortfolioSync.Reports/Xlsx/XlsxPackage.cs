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
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);

        using var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var entry in source.Entries)
        {
            var name = renames.GetValueOrDefault(entry.FullName, entry.FullName);
            var copy = target.CreateEntry(name, CompressionLevel.Optimal);
            copy.LastWriteTime = EntryTime;
            using var from = entry.Open();
            using var to = copy.Open();
            if (name.EndsWith(".rels", StringComparison.Ordinal))
            {
                var text = ReadAll(from);
                text = RandomId().Replace(text, m => "Id=\"" + StableId(ids, m.Groups[1].Value) + "\"");
                foreach (var (old, renamed) in renames) text = text.Replace("/" + old, "/" + renamed, StringComparison.Ordinal);
                to.Write(new UTF8Encoding(false).GetBytes(text));
            }
            else if (streamedByPart.TryGetValue(name, out var rows)) WriteSheet(ReadAll(from), rows, to);
            else from.CopyTo(to);
        }
    }

    /// <summary>The sheet XML with the streamed rows after the header row and the dimension widened to cover them.</summary>
    private static void WriteSheet(string xml, StreamedRows rows, Stream output)
    {
        const string rowEnd = "</x:row>";
        var headerEnd = xml.IndexOf(rowEnd, StringComparison.Ordinal);
        if (headerEnd < 0 || !xml.Contains("<x:sheetData>", StringComparison.Ordinal))
            throw new InvalidOperationException($"sheet {rows.SheetName}: unexpected XML from ClosedXML (no header row)");
        headerEnd += rowEnd.Length;
        var styles = ColumnStyles(xml, rows.ColumnCount);
        var head = Dimension().Replace(xml[..headerEnd], m => Widen(m, rows), 1);
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        writer.Write(head);
        rows.Write(writer, styles);
        writer.Write(xml.AsSpan(headerEnd));
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

    [GeneratedRegex("<x:dimension ref=\"[A-Z]+\\d+(?::(?<col>[A-Z]+)(?<row>\\d+))?\" ?/>", RegexOptions.CultureInvariant)]
    private static partial Regex Dimension();
}

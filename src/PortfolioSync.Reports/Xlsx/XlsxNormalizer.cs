using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace PortfolioSync.Reports.Xlsx;

/// <summary>
/// Makes a ClosedXML workbook byte-identical for the same content. System.IO.Packaging gives the package
/// relationships random ids (<c>R3f9a…</c>), names the core properties part after a random GUID and stamps every
/// zip entry with the current time; this rewrites those three things to fixed values and copies everything else
/// unchanged, in the same order.
/// </summary>
internal static partial class XlsxNormalizer
{
    /// <summary>The time every zip entry gets (the earliest a zip file can hold).</summary>
    private static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const string CorePropertiesFolder = "package/services/metadata/core-properties/";
    private const string CorePropertiesName = CorePropertiesFolder + "core.psmdcp";

    public static void Normalize(Stream workbook, Stream output)
    {
        using var source = new ZipArchive(workbook, ZipArchiveMode.Read, leaveOpen: true);
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in source.Entries)
            if (entry.FullName.StartsWith(CorePropertiesFolder, StringComparison.Ordinal) && entry.FullName.EndsWith(".psmdcp", StringComparison.Ordinal))
                renames[entry.FullName] = CorePropertiesName;
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
                using var reader = new StreamReader(from, Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
                var text = reader.ReadToEnd();
                text = RandomId().Replace(text, m => "Id=\"" + StableId(ids, m.Groups[1].Value) + "\"");
                foreach (var (old, renamed) in renames) text = text.Replace("/" + old, "/" + renamed, StringComparison.Ordinal);
                var bytes = new UTF8Encoding(false).GetBytes(text);
                to.Write(bytes);
            }
            else from.CopyTo(to);
        }
    }

    /// <summary>The first random id seen becomes <c>Rp1</c>, the next <c>Rp2</c>, …</summary>
    private static string StableId(Dictionary<string, string> ids, string random)
    {
        if (!ids.TryGetValue(random, out var id))
            ids[random] = id = "Rp" + (ids.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return id;
    }

    // The ids System.IO.Packaging makes up: "R" and 16 hex digits.
    [GeneratedRegex("Id=\"(R[0-9a-f]{16})\"", RegexOptions.CultureInvariant)]
    private static partial Regex RandomId();
}

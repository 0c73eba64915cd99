namespace PortfolioSync.Reports;

/// <summary>Which files a report writer produces. Parsed from <c>csv,xlsx,png</c>.</summary>
[Flags]
public enum ReportFormats
{
    None = 0,
    /// <summary>The CSV files.</summary>
    Csv = 1,
    /// <summary>The workbook (<c>tax-report-&lt;label&gt;.xlsx</c> or <c>value.xlsx</c>).</summary>
    Xlsx = 2,
    /// <summary>The value chart (<c>value.png</c>), when there is a value series.</summary>
    Png = 4,
    All = Csv | Xlsx | Png,
}

public static class ReportFormatsText
{
    private static readonly Dictionary<string, ReportFormats> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["csv"] = ReportFormats.Csv,
        ["xlsx"] = ReportFormats.Xlsx,
        ["png"] = ReportFormats.Png,
    };

    /// <summary>Parses a comma-separated list such as <c>csv,xlsx</c> (case-insensitive, blanks ignored).</summary>
    /// <exception cref="FormatException">An unknown or empty name; the message lists the accepted ones.</exception>
    public static ReportFormats Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = ReportFormats.None;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!Names.TryGetValue(part, out var format))
                throw new FormatException(part.Length == 0
                    ? $"'{text}' has an empty report format: use a comma-separated list of csv, xlsx, png (e.g. csv,xlsx)."
                    : $"'{part}' is not a report format: use a comma-separated list of csv, xlsx, png (e.g. csv,xlsx).");
            result |= format;
        }
        return result;
    }

    /// <summary><c>csv,xlsx,png</c> style, in that order.</summary>
    public static string ToText(this ReportFormats formats) =>
        string.Join(',', Names.Where(n => formats.HasFlag(n.Value)).OrderBy(n => n.Value).Select(n => n.Key));
}

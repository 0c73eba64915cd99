namespace PortfolioSync.Reports.Xlsx;

/// <summary>Spreadsheet conventions shared by the writers.</summary>
internal static class Excel
{
    /// <summary>
    /// What a sheet shows for a time: whole seconds, cut rather than rounded (23:59:59.9 must not show as the next
    /// day).
    /// </summary>
    public static DateTime ToWholeSeconds(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, t.Kind);

    /// <summary>The 1900-system serial number of a date-time, as ClosedXML and Excel store it.</summary>
    public static double Serial(DateTime t) => t.ToOADate();
}

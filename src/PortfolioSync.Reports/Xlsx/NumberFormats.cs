using PortfolioSync.Reports.Tables;

namespace PortfolioSync.Reports.Xlsx;

/// <summary>The workbook number format of each column kind.</summary>
internal static class NumberFormats
{
    public const string Money = "#,##0.00";
    public const string Quantity = "0.00000000";
    public const string Price = "#,##0.00######";
    public const string Count = "0";
    public const string DateTime = "yyyy-mm-dd hh:mm:ss";
    public const string Date = "yyyy-mm-dd";

    /// <summary>The format, or null for text (General).</summary>
    public static string? For(ColumnKind kind) => kind switch
    {
        ColumnKind.Money => Money,
        ColumnKind.Quantity => Quantity,
        ColumnKind.Price => Price,
        ColumnKind.Count => Count,
        ColumnKind.Instant => DateTime,
        ColumnKind.Date => Date,
        _ => null,
    };
}

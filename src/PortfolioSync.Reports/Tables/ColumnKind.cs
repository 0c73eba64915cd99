namespace PortfolioSync.Reports.Tables;

/// <summary>How a column is written: the CSV text form and the XLSX cell type and number format.</summary>
internal enum ColumnKind
{
    /// <summary>Text as is.</summary>
    Text,
    /// <summary>A whole number.</summary>
    Count,
    /// <summary>Money: CSV 2 decimals half away from zero; XLSX <c>#,##0.00</c> over the unrounded value.</summary>
    Money,
    /// <summary>A quantity: CSV full precision, trailing zeros trimmed; XLSX <c>0.00000000</c>.</summary>
    Quantity,
    /// <summary>A unit price: CSV full precision; XLSX 2 to 8 decimals.</summary>
    Price,
    /// <summary>An instant: CSV ISO 8601 UTC with fraction when present; XLSX date-time (UTC).</summary>
    Instant,
    /// <summary>A date: CSV <c>uuuu-MM-dd</c>; XLSX date.</summary>
    Date,
}

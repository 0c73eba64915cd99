namespace PortfolioSync.Bitstamp.Csv;

/// <summary>A read export: its format and its rows in file order.</summary>
public sealed record CsvExport(string File, CsvExportFormat Format, IReadOnlyList<CsvTransaction> Rows);

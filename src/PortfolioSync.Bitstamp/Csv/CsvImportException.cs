namespace PortfolioSync.Bitstamp.Csv;

/// <summary>
/// A CSV export that cannot be imported as it is: names the file, the line (1-based, the header is line 1) and the
/// column, and what is wrong. Nothing of the file is imported.
/// </summary>
public sealed class CsvImportException(string file, int line, string? column, string problem)
    : FormatException(column is null ? $"{file}: line {line}: {problem}" : $"{file}: line {line}, column '{column}': {problem}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public string? Column { get; } = column;
    public string Problem { get; } = problem;
}

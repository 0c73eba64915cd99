namespace PortfolioSync.Reports.Input;

/// <summary>
/// A <c>manual-costs.csv</c> that cannot be used. The message names the file, the line and the column:
/// <c>/home/me/manual-costs.csv:4: column 'cost': '12,50' is not a plain decimal number …</c>.
/// </summary>
public sealed class ManualCostsException : Exception
{
    public ManualCostsException(string file, long line, string? column, string problem)
        : base($"{file}:{line}: {(column is null ? "" : $"column '{column}': ")}{problem}")
    {
        File = file;
        Line = line;
        Column = column;
    }

    /// <summary>The file as named by the caller.</summary>
    public string File { get; }

    /// <summary>1-based line of the input (the header is line 1); 0 when the file could not be read at all.</summary>
    public long Line { get; }

    /// <summary>The column concerned, when one is.</summary>
    public string? Column { get; }
}

namespace PortfolioSync.FakeBitstamp.Data;

/// <summary>
/// Bad data in a data folder (or in a record given to <see cref="UserTransaction.Parse(string)"/>). The message names
/// the file, the record index (0-based position in the file's array, when there is one) and the field.
/// </summary>
public sealed class DataFolderException : Exception
{
    public DataFolderException(string file, int? recordIndex, string? field, string problem)
        : base(Describe(file, recordIndex, field, problem))
    {
        File = file;
        RecordIndex = recordIndex;
        Field = field;
        Problem = problem;
    }

    /// <summary>Path of the file as it was opened (or a description such as <c>&lt;json&gt;</c>).</summary>
    public string File { get; }

    /// <summary>0-based index of the record in the file's array; null when the problem is not in one record.</summary>
    public int? RecordIndex { get; }

    /// <summary>Name of the JSON member at fault; null when the problem is not in one field.</summary>
    public string? Field { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    private static string Describe(string file, int? recordIndex, string? field, string problem)
    {
        var where = file;
        if (recordIndex is { } index) where += FormattableString.Invariant($": record {index}");
        if (field is not null) where += $", field '{field}'";
        return $"{where}: {problem}";
    }
}

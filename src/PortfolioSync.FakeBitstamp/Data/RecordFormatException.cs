namespace PortfolioSync.FakeBitstamp.Data;

/// <summary>A problem inside one record; the reader adds the file and record index (<see cref="DataFolderException"/>).</summary>
internal sealed class RecordFormatException(string? field, string problem) : Exception(problem)
{
    public string? Field { get; } = field;

    public string Problem { get; } = problem;

    public DataFolderException At(string file, int? recordIndex) => new(file, recordIndex, Field, Problem);
}

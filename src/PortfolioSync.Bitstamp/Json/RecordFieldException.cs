namespace PortfolioSync.Bitstamp.Json;

/// <summary>A field of one record that cannot be read. Caught by the page parser, which keeps the record raw.</summary>
internal sealed class RecordFieldException(string field, string problem) : Exception($"field '{field}': {problem}")
{
    public string Field { get; } = field;
    public string Problem { get; } = problem;
}

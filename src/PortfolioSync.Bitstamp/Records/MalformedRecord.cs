namespace PortfolioSync.Bitstamp.Records;

/// <summary>
/// A record that could not be parsed. It is kept, never dropped: <see cref="RawJson"/> is exactly what the server
/// sent, so a later version can read it again.
/// </summary>
/// <param name="Id">The record's id when it could still be read, else null.</param>
/// <param name="Field">The first field that failed (<c>fee</c>, <c>datetime</c>, or <c>(record)</c> for the whole object).</param>
/// <param name="Problem">What was wrong, e.g. <c>'1e-8' is not a plain decimal number</c>.</param>
public sealed record MalformedRecord(string RawJson, long? Id, string Field, string Problem)
{
    public override string ToString() => $"record {(Id is { } id ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "(no id)")}, field '{Field}': {Problem}";
}

namespace PortfolioSync.Bitstamp.Records;

/// <summary>
/// One record of a response: its exact JSON text as received, and either the parsed value or why it could not be
/// parsed. Exactly one of <see cref="Value"/> and <see cref="Malformed"/> is set.
/// </summary>
/// <param name="RawJson">The element's text, byte for byte as the server sent it (UTF-8 decoded).</param>
/// <param name="Id">The record's id when it has one and it could be read.</param>
public sealed record RawRecord<T>(string RawJson, long? Id, T? Value, MalformedRecord? Malformed) where T : class
{
    public bool IsMalformed => Malformed is not null;

    internal static RawRecord<T> Parsed(string raw, long? id, T value) => new(raw, id, value, null);

    internal static RawRecord<T> Bad(MalformedRecord malformed) => new(malformed.RawJson, malformed.Id, null, malformed);
}

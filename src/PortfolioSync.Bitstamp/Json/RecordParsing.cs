using PortfolioSync.Bitstamp.Records;

namespace PortfolioSync.Bitstamp.Json;

/// <summary>Turns one raw element into a parsed value or a <see cref="MalformedRecord"/>; never throws for bad content.</summary>
internal static class RecordParsing
{
    public static RawRecord<T> Parse<T>(string rawJson, Func<RecordObject, T> read, string? idField) where T : class
    {
        RecordObject record;
        try
        {
            record = RecordObject.Parse(rawJson);
        }
        catch (RecordFieldException e)
        {
            return RawRecord<T>.Bad(new MalformedRecord(rawJson, null, e.Field, e.Problem));
        }
        var id = idField is null ? null : TryId(record, idField);
        try
        {
            return RawRecord<T>.Parsed(rawJson, id, read(record));
        }
        catch (RecordFieldException e)   // our own field errors only: the record is kept raw and reported
        {
            return RawRecord<T>.Bad(new MalformedRecord(rawJson, id, e.Field, e.Problem));
        }
    }

    public static IReadOnlyList<RawRecord<T>> ParseAll<T>(IReadOnlyList<string> raws, Func<RecordObject, T> read, string? idField)
        where T : class
    {
        var records = new RawRecord<T>[raws.Count];
        for (var i = 0; i < raws.Count; i++) records[i] = Parse(raws[i], read, idField);
        return records;
    }

    private static long? TryId(RecordObject record, string idField)
    {
        try
        {
            return record.Find(idField) is { IsNull: false } f ? RecordObject.ReadLong(f) : null;
        }
        catch (RecordFieldException)
        {
            return null;
        }
    }
}

using LiteDB;
using NodaTime;
using N = PortfolioSync.Store.Bson.Names;

namespace PortfolioSync.Store.Bson;

/// <summary>Raw record documents: <c>raw</c> (current, key = raw key) and <c>raw_versions</c> (key = <c>{raw key}#{version}</c>).</summary>
internal static class RawBson
{
    public static BsonDocument Current(
        string key, string account, string stream, long externalId, string json, Instant fetched, string runId,
        int version, string? entryId, string? problem) => new()
        {
            [N.Id] = key,
            [N.Account] = account,
            [N.Stream] = stream,
            [N.ExternalId] = externalId,
            [N.Json] = json,
            [N.FetchedAt] = Ticks.Of(fetched),
            [N.Run] = runId,
            [N.Version] = version,
            [N.Entry] = Ticks.Nullable(entryId),
            [N.Problem] = Ticks.Nullable(problem),
            [N.EntryHash] = BsonValue.Null,
            [N.Checksum] = Checksums.Raw(key, json),
        };

    /// <summary>Adds the schema 6 checksum to a current or superseded document written before it (migration 6).</summary>
    public static void AddChecksum(BsonDocument d, bool current) =>
        d[N.Checksum] = Checksums.Raw(current ? d[N.Id].AsString : d[N.Key].AsString, d[N.Json].AsString);

    /// <summary>Throws <see cref="FormatException"/> when the document's checksum does not match its key and JSON.</summary>
    public static void Check(BsonDocument d, bool current, bool required)
    {
        var key = current ? d[N.Id] : d[N.Key];
        var json = d[N.Json];
        if (!key.IsString || !json.IsString)
            throw new FormatException($"raw record '{LedgerBson.IdText(d)}': its key or JSON is not text (the document was damaged)");
        if (d.TryGetValue(N.Checksum, out var c))
        {
            if (!c.IsInt64 || c.AsInt64 != Checksums.Raw(key.AsString, json.AsString))
                throw new FormatException($"raw record '{key.AsString}': its checksum does not match its content (the document was damaged)");
        }
        else if (required)
            throw new FormatException($"raw record '{key.AsString}': it has no checksum (every record has one since schema 6)");
    }

    public static string VersionId(string key, int version) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{key}#{version}");

    /// <summary>The superseded copy of a current document.</summary>
    public static BsonDocument Superseded(BsonDocument current, Instant at)
    {
        var key = current[N.Id].AsString;
        var copy = new BsonDocument();
        foreach (var (name, value) in current) copy[name] = value;
        copy[N.Id] = VersionId(key, current[N.Version].AsInt32);
        copy[N.Key] = key;
        copy[N.SupersededAt] = Ticks.Of(at);
        return copy;
    }

    public static RawRecord ToRecord(BsonDocument d, bool current, bool requireChecksum)
    {
        Check(d, current, requireChecksum);
        return ToRecord(d, current);
    }

    public static RawRecord ToRecord(BsonDocument d, bool current) => new(
        current ? d[N.Id].AsString : d[N.Key].AsString,
        d[N.Account].AsString,
        d[N.Stream].AsString,
        d[N.ExternalId].AsInt64,
        d[N.Json].AsString,
        Ticks.ToInstant(d[N.FetchedAt]),
        d[N.Run].AsString,
        d[N.Version].AsInt32,
        Ticks.ToNullableString(d[N.Entry]),
        Ticks.ToNullableString(d[N.Problem]),
        current);
}

using LiteDB;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Ledger;
using N = PortfolioSync.Store.Bson.Names;

namespace PortfolioSync.Store.Bson;

/// <summary>Explicit mapping of <see cref="LedgerEntry"/> to and from a <c>ledger</c> document (no reflection).</summary>
internal static class LedgerBson
{
    public static BsonDocument ToDocument(LedgerEntry e)
    {
        var legs = new BsonArray();
        foreach (var leg in e.Legs)
            legs.Add(new BsonDocument { [N.Asset] = leg.Asset.Code, [N.Quantity] = leg.Quantity });
        return new BsonDocument
        {
            [N.Id] = e.Id,
            [N.Account] = e.Account,
            [N.At] = Ticks.Of(e.At),
            [N.Kind] = e.Kind.ToString(),
            [N.Legs] = legs,
            [N.Fee] = e.Fee is { } fee ? new BsonDocument { [N.Asset] = fee.Asset.Code, [N.Quantity] = fee.Amount } : BsonValue.Null,
            [N.ExternalId] = e.ExternalId,
            [N.Order] = Ticks.Nullable(e.OrderId),
            [N.Source] = e.SourceKey,
        };
    }

    /// <summary>
    /// A fingerprint of a ledger document (first 8 bytes of SHA-256 over its BSON), kept on the raw record so an
    /// unchanged record re-sent with an unchanged mapping costs no ledger read.
    /// </summary>
    public static long Fingerprint(BsonDocument ledgerDocument) =>
        BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(BsonSerializer.Serialize(ledgerDocument)), 0);

    public static LedgerEntry FromDocument(BsonDocument d)
    {
        var legs = new List<Leg>();
        foreach (var leg in d[N.Legs].AsArray)
            legs.Add(new Leg(Domain.Asset.Parse(leg[N.Asset].AsString), leg[N.Quantity].AsDecimal));
        var fee = d[N.Fee];
        return new LedgerEntry(
            d[N.Id].AsString,
            d[N.Account].AsString,
            Ticks.ToInstant(d[N.At]),
            Enum.Parse<EntryKind>(d[N.Kind].AsString, ignoreCase: false),
            legs,
            fee.IsNull ? null : new Money(fee[N.Quantity].AsDecimal, Domain.Asset.Parse(fee[N.Asset].AsString)),
            d[N.ExternalId].AsInt64,
            Ticks.ToNullableLong(d[N.Order]),
            d[N.Source].AsString);
    }
}

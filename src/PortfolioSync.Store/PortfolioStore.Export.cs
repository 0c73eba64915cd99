using System.Globalization;
using LiteDB;
using PortfolioSync.Domain;
using PortfolioSync.Store.Bson;
using N = PortfolioSync.Store.Bson.Names;

namespace PortfolioSync.Store;

public sealed partial class PortfolioStore
{
    /// <summary>
    /// Writes a deterministic dump of raw records (current and superseded versions), ledger entries and cursors, one
    /// line each, in ordinal key order, leaving out what differs between two correct runs over the same data (run ids,
    /// fetched-at, updated-at and other wall-clock fields). Two stores holding the same data give the same text: crash
    /// tests compare a killed-and-resumed store with an uninterrupted one this way. Decimals keep their scale.
    /// </summary>
    public void CanonicalExport(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ThrowIfDisposed();
        writer.NewLine = "\n";
        var superseded = _rawVersions.FindAll()
            .GroupBy(d => d[N.Key].AsString, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(d => d[N.Version].AsInt32).ToList(), StringComparer.Ordinal);

        writer.WriteLine("# raw");
        foreach (var doc in Scan(_raw))
        {
            foreach (var old in superseded.GetValueOrDefault(doc[N.Id].AsString) ?? [])
                writer.WriteLine(RawLine(old, "old"));
            writer.WriteLine(RawLine(doc, "cur"));
        }

        writer.WriteLine("# ledger");
        foreach (var doc in Scan(_ledger))
        {
            var e = LedgerBson.FromDocument(doc);
            var legs = string.Join(" ", e.Legs.Select(l => $"{D(l.Quantity)} {l.Asset.Code}"));
            var fee = e.Fee is { } f ? $"{D(f.Amount)} {f.Asset.Code}" : "-";
            writer.WriteLine(Invariant(
                $"{Q(e.Id)} account={Q(e.Account)} at={e.At.ToUnixTimeTicks()} kind={e.Kind} legs=[{legs}] fee={fee} xid={e.ExternalId} order={(e.OrderId is { } o ? o.ToString(CultureInfo.InvariantCulture) : "-")} src={Q(e.SourceKey)}"));
        }

        writer.WriteLine("# cursors");
        foreach (var doc in _cursors.Find(Query.All(N.Id)))
            writer.WriteLine(Invariant(
                $"{Q(doc[N.Id].AsString)} last={Opt(doc[N.Last])} lastAt={Opt(doc[N.LastAt])} records={doc[N.Records].AsInt64} unmapped={doc[N.Unmapped].AsInt64} versions={doc[N.Versions].AsInt64} max={Opt(doc[N.Max])}"));
        writer.Flush();
    }

    private static string RawLine(BsonDocument d, string state) => Invariant(
        $"{Q(state == "cur" ? d[N.Id].AsString : d[N.Key].AsString)} {state} v={d[N.Version].AsInt32} entry={OptText(d[N.Entry])} problem={OptText(d[N.Problem])} json={Q(d[N.Json].AsString)}");

    private static string Q(string text) => JsonText.Quote(text);

    private static string D(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Opt(BsonValue value) => value.IsNull ? "-" : value.AsInt64.ToString(CultureInfo.InvariantCulture);

    private static string OptText(BsonValue value) => value.IsNull ? "-" : Q(value.AsString);
}

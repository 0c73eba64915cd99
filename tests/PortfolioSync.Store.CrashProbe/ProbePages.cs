using NodaTime;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Ledger;

namespace PortfolioSync.Store.CrashProbe;

/// <summary>
/// Deterministic pages for the crash tests: page <c>i</c> holds records <c>i*size+1 … (i+1)*size</c>, re-sends the
/// previous page's last record unchanged (the sync's overlap window) and, every 4th page, the previous page's first
/// record with different content (a changed upstream record). Every 97th record cannot be mapped.
/// </summary>
public static class ProbePages
{
    public const string Account = "probe";
    public const string Stream = "user_transactions";
    private static readonly Instant Start = Instant.FromUtc(2024, 1, 1, 0, 0);

    public static PageCommit Page(int index, int size, string runId)
    {
        var first = (long)index * size + 1;
        var records = new List<PageRecord>();
        if (index > 0) records.Add(Record(first - 1, changed: false));
        if (index > 0 && index % 4 == 0) records.Add(Record(first - size, changed: true));
        for (var x = first; x < first + size; x++) records.Add(Record(x, changed: false));
        return new PageCommit(Account, Stream, runId, records);
    }

    /// <summary>The page to resume with after the stored cursor.</summary>
    public static int NextPage(PortfolioStore store, int size) =>
        store.GetCursor(Account, Stream)?.LastExternalId is { } last ? (int)(last / size) : 0;

    private static PageRecord Record(long xid, bool changed)
    {
        var micros = xid % 1_000_000;
        var json = $"{{\"id\": {xid}, \"datetime\": \"2024-01-01 00:00:00.{micros:D6}\",  \"type\": \"2\", \"btc\": \"0.{xid:D8}\", " +
                   $"\"usd\": \"-{xid}.50\", \"fee\": \"{(changed ? "0.2" : "0.1")}\", \"note\": \"ünï €{xid}\"}}";
        if (xid % 97 == 0) return PageRecord.Unmapped(xid, json, "unknown type code 99");
        var entry = new LedgerEntry(
            LedgerEntry.BitstampId(Account, xid), Account, Start + Duration.FromTicks(xid * 10 + micros),
            EntryKind.Trade, [new Leg(Asset.Btc, xid / 100_000_000m), new Leg(Asset.Usd, -(xid + 0.5m))],
            new Money(changed ? 0.2m : 0.1m, Asset.Usd), xid, xid * 3, RawKey.Of(Account, Stream, xid));
        return PageRecord.Mapped(entry, json);
    }
}

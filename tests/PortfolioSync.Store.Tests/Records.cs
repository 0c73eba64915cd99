using NodaTime;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Ledger;

namespace PortfolioSync.Store.Tests;

/// <summary>Builders for pages and records.</summary>
public static class Records
{
    public const string Account = "main";
    public const string Stream = "user_transactions";
    public static readonly Instant Base = Instant.FromUtc(2024, 3, 1, 12, 34, 56) + Duration.FromTicks(1_234_560); // .123456

    public static string Json(long xid, string extra = "") =>
        $"{{\"id\": {xid}, \"datetime\": \"2024-03-01 12:34:56.123456\", \"type\": \"2\", \"btc\": \"0.5\", \"usd\": \"-10000.00\"{extra}}}";

    public static LedgerEntry Entry(long xid, string account = Account, string stream = Stream, decimal btc = 0.5m,
        Instant? at = null, EntryKind kind = EntryKind.Trade, string? id = null) => new(
        id ?? LedgerEntry.BitstampId(account, xid), account, at ?? Base + Duration.FromSeconds(xid), kind,
        [new Leg(Asset.Btc, btc), new Leg(Asset.Usd, -10000.00m)], new Money(2.5m, Asset.Usd), xid, xid * 7,
        RawKey.Of(account, stream, xid));

    public static PageRecord Mapped(long xid, string extra = "", decimal btc = 0.5m, string account = Account, string stream = Stream) =>
        PageRecord.Mapped(Entry(xid, account, stream, btc), Json(xid, extra));

    public static PageCommit Page(params PageRecord[] records) => new(Account, Stream, "run-1", records);

    public static PageCommit Page(IEnumerable<long> xids) => Page(xids.Select(x => Mapped(x)).ToArray());
}

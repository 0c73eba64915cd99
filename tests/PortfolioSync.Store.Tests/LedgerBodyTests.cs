using System.Globalization;
using NodaTime;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Store.Bson;
using PortfolioSync.Store.Schema;

namespace PortfolioSync.Store.Tests;

/// <summary>The schema 4 ledger document: id, instant and one binary body; and migration 4, which rewrites the
/// documents of earlier schemas.</summary>
public sealed class LedgerBodyTests : IDisposable
{
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly Instant At = Instant.FromUtc(2024, 3, 1, 12, 34, 56) + Duration.FromTicks(1_234_567);

    public static TheoryData<LedgerEntry> Entries() => new(
        Records.Entry(5),
        new LedgerEntry("bitstamp:main:42", "main", At, EntryKind.StakingReward,
            [new Leg(Asset.Parse("ETH"), 0.123456789012345678m), new Leg(Asset.Usd, -79228162514264.337593543950335m)],
            new Money(0.000000000000000001m, Asset.Parse("ETH")), 42, null, "main/user_transactions/42"),
        new LedgerEntry("x", "Bot «Ünïcödé» 😀", At, EntryKind.Unknown, [], null, long.MinValue, long.MaxValue, "s"),
        new LedgerEntry("bitstamp:b:1", "b", At, EntryKind.InternalTransfer,
            Enumerable.Range(0, 40).Select(i => new Leg(Asset.Parse("A" + i.ToString(CultureInfo.InvariantCulture)), decimal.MaxValue - i)).ToArray(),
            new Money(0m, Asset.Gbp), 0, 0, "b/user_transactions/1"),
        new LedgerEntry("bitstamp:c:2", "c", At, EntryKind.Fee, [new Leg(Asset.Btc, 1.10m), new Leg(Asset.Btc, -1.1000m)],
            new Money(decimal.MaxValue, Asset.Btc), 2, -3, "c/user_transactions/2"),
        Records.Entry(6) with { Quote = Asset.Usd },
        new LedgerEntry("bitstamp:main:7", "main", At, EntryKind.Trade, [new Leg(Asset.Parse("ETH"), 1m), new Leg(Asset.Parse("NEWUSD"), -2500m)],
            null, 7, 8, "main/user_transactions/7", Asset.Parse("NEWUSD")));

    [Theory]
    [MemberData(nameof(Entries))]
    public void A_body_round_trips_every_field_exactly_with_or_without_the_read_cache(LedgerEntry entry)
    {
        var doc = LedgerBson.ToDocument(entry);
        doc.Keys.Should().BeEquivalentTo(["_id", "at", "e", "c"]);
        LedgerBson.FromDocument(doc).Should().Be(entry);
        var cached = LedgerBson.FromDocument(doc, new LedgerBson.ReadCache());
        cached.Should().Be(entry);
        // Scale survives (1.10 stays 1.10, not 1.1): the text of every quantity is unchanged.
        cached.Legs.Select(l => l.Quantity.ToString(CultureInfo.InvariantCulture))
            .Should().Equal(entry.Legs.Select(l => l.Quantity.ToString(CultureInfo.InvariantCulture)));
        LedgerBson.AccountOf(doc).Should().Be(entry.Account);
        LedgerBson.SourceOf(doc).Should().Be(entry.SourceKey);
    }

    [Fact]
    public void A_format_1_body_written_before_schema_8_still_decodes_as_an_entry_without_a_quote()
    {
        var entry = Records.Entry(5);
        var body = LedgerBlob.Encode(entry);
        body[0].Should().Be(2);
        body[^1].Should().Be(0, "no quote");
        byte[] format1 = [1, .. body[1..^1]];   // format 1 is format 2 without the trailing quote

        LedgerBlob.Decode(entry.Id, entry.At, format1, null).Should().Be(entry);
        LedgerBlob.Decode(entry.Id, entry.At, format1, new LedgerBson.ReadCache()).Quote.Should().BeNull();
        var doc = LedgerBson.ToDocument(entry);
        doc["e"] = format1;
        LedgerBson.AddChecksum(doc);
        LedgerBson.FromDocument(doc, new LedgerBson.ReadCache { RequireChecksum = true }).Should().Be(entry);

        var quoted = LedgerBlob.Encode(entry with { Quote = Asset.Usd });
        quoted.Should().Equal([.. body[..^1], 1, 3, (byte)'U', (byte)'S', (byte)'D']);
    }

    [Fact]
    public void A_damaged_body_is_refused_with_the_entry_named_never_read_as_something_else()
    {
        var body = LedgerBlob.Encode(Records.Entry(5));
        var decode = (byte[] b) => (Action)(() => LedgerBlob.Decode("bitstamp:main:5", At, b, null));

        decode([3, .. body[1..]]).Should().Throw<FormatException>().WithMessage("ledger entry 'bitstamp:main:5' has body format 3*reads formats 1 and 2");
        decode([1, .. body[1..]]).Should().Throw<FormatException>().WithMessage("*1 unread bytes after the body", "format 1 has no quote flag");
        decode(body[..^1]).Should().Throw<FormatException>().WithMessage("ledger entry 'bitstamp:main:5': its body ends early*");
        decode([.. body, 0]).Should().Throw<FormatException>().WithMessage("*1 unread bytes after the body");
        decode([]).Should().Throw<FormatException>();
    }

    [Fact]
    public void Migration_4_rewrites_every_document_of_earlier_shapes_and_the_entries_stay_the_same()
    {
        // 12,001 entries (more than two batches) written as schema 3 did; a few in the even older per-leg shape.
        var entries = Enumerable.Range(1, 12_001)
            .Select(i => Records.Entry(i, account: i % 3 == 0 ? "grid" : "main", btc: 0.001m * i))
            .ToList();
        var schema3 = new StoreOptions { Time = _temp.Clock, Migrations = SchemaMigrations.All.Take(3).ToList() };
        using (var old = _temp.Open(schema3))
        {
            old.StoredSchemaVersion.Should().Be(3);
            var ledger = old.Database.GetCollection("ledger");
            ledger.InsertBulk(entries.Skip(3).Select(LedgerBson.ToFieldDocument));
            foreach (var e in entries.Take(3))
                ledger.Insert(new LiteDB.BsonDocument
                {
                    ["_id"] = e.Id, ["account"] = e.Account, ["at"] = e.At.ToUnixTimeTicks(), ["kind"] = e.Kind.ToString(),
                    ["legs"] = new LiteDB.BsonArray(e.Legs.Select(l => (LiteDB.BsonValue)new LiteDB.BsonDocument { ["asset"] = l.Asset.Code, ["qty"] = l.Quantity })),
                    ["fee"] = new LiteDB.BsonDocument { ["asset"] = e.Fee!.Value.Asset.Code, ["qty"] = e.Fee.Value.Amount },
                    ["xid"] = e.ExternalId, ["order"] = e.OrderId!.Value, ["src"] = e.SourceKey,
                });
            old.ReadLedger().Should().Equal(entries, "both older shapes are read before the migration");
        }

        using var store = _temp.Open();

        // The same entries; migration 8 then gives each trade its quote (the asset of its fee, USD).
        var migrated = entries.Select(e => e with { Quote = Asset.Usd }).ToList();
        store.StoredSchemaVersion.Should().Be(PortfolioStore.SchemaVersion);
        store.Database.GetCollection("ledger").FindAll().Should().OnlyContain(d => LedgerBson.IsCompact(d) && d.Keys.Count == 4 && d.ContainsKey("c"));
        store.ReadLedger().Should().Equal(migrated);
        store.ReadLedger("grid").Should().HaveCount(4_000).And.OnlyContain(e => e.Account == "grid");
        store.CountLedger("main").Should().Be(8_001);
        store.ReadLedger(entries[99].At, entries[110].At).Should().Equal(migrated.Skip(99).Take(11), "the at index still serves ranges");
    }

    [Fact]
    public void A_ledger_left_half_rewritten_by_a_stopped_migration_reads_whole_and_the_next_open_finishes_it()
    {
        var entries = Enumerable.Range(1, 20).Select(i => Records.Entry(i)).ToList();
        var schema3 = new StoreOptions { Time = _temp.Clock, Migrations = SchemaMigrations.All.Take(3).ToList() };
        using (var old = _temp.Open(schema3))
        {
            var ledger = old.Database.GetCollection("ledger");
            ledger.InsertBulk(entries.Select((e, i) => i % 2 == 0 ? LedgerBson.ToDocument(e) : LedgerBson.ToFieldDocument(e)));
            old.ReadLedger().Should().Equal(entries);
        }

        using var store = _temp.Open();
        store.Database.GetCollection("ledger").FindAll().Should().OnlyContain(d => LedgerBson.IsCompact(d));
        store.ReadLedger().Should().Equal(entries.Select(e => e with { Quote = Asset.Usd }), "the same entries, each trade with its quote (migration 8)");
    }

    [Fact]
    public void Upgrading_an_existing_store_is_announced_before_the_migration_runs_and_a_new_store_is_not()
    {
        var announced = new List<(int, string)>();
        using (var fresh = _temp.Open(new StoreOptions { Time = _temp.Clock, OnMigration = (v, d) => announced.Add((v, d)) }))
            announced.Should().BeEmpty("a new file has nothing to upgrade");
        File.Delete(_temp.FilePath);

        var schema3 = new StoreOptions { Time = _temp.Clock, Migrations = SchemaMigrations.All.Take(3).ToList() };
        using (var old = _temp.Open(schema3))
            old.Database.GetCollection("ledger").Insert(LedgerBson.ToFieldDocument(Records.Entry(1)));
        using var store = _temp.Open(new StoreOptions
        {
            Time = _temp.Clock,
            OnMigration = (v, d) => announced.Add((v, d)),
        });

        announced.Select(a => a.Item1).Should().Equal([4, 5, 6, 7, 8], "each later migration is announced (5: candle markets, 6: checksums, 7: ledger cache, 8: trade quotes)");
        announced[0].Item2.Should().Contain("binary body");
        announced[1].Item2.Should().Contain("base and quote");
        announced[2].Item2.Should().Contain("checksum");
    }
}

using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PortfolioSync.Bitstamp.Csv;
using PortfolioSync.Bitstamp.Json;
using PortfolioSync.Bitstamp.Mapping;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Store;
using PortfolioSync.Store.Bson;
using PortfolioSync.Store.Schema;

namespace PortfolioSync.Sync.Tests;

/// <summary>
/// Schema 8: a store written at schema 7 (trades without a quote, ledger bodies in format 1) is upgraded to the quotes
/// the mappers set now, so that <see cref="MappingVerifier"/> finds every entry equal to its record mapped again.
/// </summary>
public sealed class QuoteMigrationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("psync-quote-").FullName;

    private string StorePath => Path.Combine(_dir, "portfoliosync.db");

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
    }

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero));

    private StoreOptions Options => new() { Time = _clock };

    private StoreOptions Schema7 => Options with { Migrations = SchemaMigrations.All.Where(m => m.Version <= 7).ToList() };

    private const string RfcHeader = "ID,Account,Type,Subtype,Datetime,Amount,Amount currency,Value,Value currency,Rate,Rate currency,Fee,Fee currency,Order ID";

    private static readonly string[] ApiRecords =
    [
        // No fee; the quote's leg comes first in the record: the pair key names BTC, the second leg would be ETH.
        """{"id":101,"datetime":"2024-05-02 10:11:12","type":"2","fee":"0.00","btc":"-0.05000000","eth":"1.00000000","eth_btc":"0.05","order_id":3}""",
        // A fee: charged in the quote, USD.
        """{"id":102,"datetime":"2024-05-02 10:11:13","type":"2","fee":"0.12","btc":"-0.01","usd":"640.00","btc_usd":64000,"order_id":7}""",
        // No fee, no pair key: the fiat leg, USD (the second leg would be XRP).
        """{"id":103,"datetime":"2024-05-02 10:11:14","type":"53","fee":"0","usd":"0.20","xrp":"-0.3"}""",
        // Not a trade: no quote, its document untouched.
        """{"id":104,"datetime":"2024-05-02 10:11:15","type":"0","fee":"0.0001","btc":"0.5"}""",
    ];

    private static readonly string[] CsvRows =
    [
        "270000740,Main Account,Market,Buy,2023-03-02T09:08:36Z,1.00000000,ETH,2500.00,NEWUSD,2500,NEWUSD,,,1600000007725902",
        // Amount zero: one leg, the Value's.
        "270000742,Main Account,Market,Buy,2023-03-02T09:10:00Z,0,ETH,12.50,USD,2500,USD,,,1600000007725904",
        "270000050,Main Account,Deposit,,2023-03-01T05:33:05Z,7400.00,USD,,,,,,,",
    ];

    private static List<PageRecord> MapApi(string account, IEnumerable<string> records) =>
        records.Select(json => UserTransactionParser.Parse(json).Value is { } value
                ? LedgerMapper.Map(account, value) is var m ? new PageRecord(value.Id, json, m.Entry, m.Warning?.Message) : null
                : null)
            .OfType<PageRecord>().ToList();

    private static (string Stream, List<PageRecord> Records) MapCsv(string account)
    {
        var export = BitstampCsvReader.Read("export.csv", RfcHeader + "\n" + string.Join("\n", CsvRows) + "\n");
        var stream = CsvLedgerMapper.StreamOf("export.csv");
        var ids = CsvLedgerMapper.ExternalIds(export.Rows);
        var records = export.Rows.Select((row, i) => new PageRecord(ids[i], row.Raw, CsvLedgerMapper.Map(account, stream, row, ids[i]).Entry)).ToList();
        return (stream, records);
    }

    /// <summary>Writes the pages (their run id replaced) as PortfolioSync at schema 7 did: entries without a quote, bodies in format 1, and a
    /// current ledger cache of them.</summary>
    private void WriteAtSchema7(IEnumerable<PageCommit> pages)
    {
        using var store = PortfolioStore.Open(StorePath, Schema7);
        store.StoredSchemaVersion.Should().Be(7);
        var run = store.StartRun();
        foreach (var page in pages)
            store.CommitPage(new PageCommit(page.Account, page.Stream, run.Id,
                page.Records.Select(r => new PageRecord(r.ExternalId, r.Json, r.Entry is { } e ? e with { Quote = null } : null, r.Problem, r.IsDetail)).ToList()));
        store.FinishRun(run.Id, RunStatus.Succeeded, [], []);
        var ledger = store.Database.GetCollection("ledger");
        var docs = ledger.FindAll().ToList();
        foreach (var d in docs)
        {
            var body = d["e"].AsBinary;
            body[^1].Should().Be(0, "no quote");
            d["e"] = (byte[])[LedgerBlob.FormatWithoutQuote, .. body[1..^1]];
            LedgerBson.AddChecksum(d);
        }
        ledger.Update(docs);
        store.RefreshLedgerCache().Should().BeTrue();
        store.ReadLedger().Should().OnlyContain(e => e.Quote == null);
    }

    [Fact]
    public void Migration_8_sets_the_quote_the_mappers_set_on_api_and_csv_trades_and_leaves_other_entries_alone()
    {
        var api = MapApi("main", ApiRecords);
        var (csvStream, csv) = MapCsv("main");
        var expected = api.Concat(csv).Select(r => r.Entry!).ToDictionary(e => e.Id);
        expected.Values.Where(e => e.Kind == EntryKind.Trade).Select(e => e.Quote?.Code)
            .Should().BeEquivalentTo(["BTC", "USD", "USD", "NEWUSD", "USD"], "what the mappers set now");
        WriteAtSchema7([new PageCommit("main", LedgerMapper.Stream, "run", api), new PageCommit("main", csvStream, "run", csv)]);

        byte[] depositBody;
        using (var old = PortfolioStore.Open(StorePath, Schema7))
        {
            // Before: verify sees every trade's quote missing, and says so.
            var (problems, _) = MappingVerifier.Verify(old);
            problems.Should().HaveCount(5).And.OnlyContain(p => p.Kind == StoreProblemKind.Remap && p.Message.Contains("quote is 'none' in the ledger"));
            problems.Should().Contain(p => p.Key == "main/user_transactions/101" && p.Message.Contains("'BTC' from the record"));
            depositBody = old.Database.GetCollection("ledger").FindById("bitstamp:main:104")["e"].AsBinary;
        }

        var announced = new List<(int Version, string Description)>();
        using (var store = PortfolioStore.Open(StorePath, Options with { OnMigration = (v, d) => announced.Add((v, d)) }))
        {
            announced.Select(a => a.Version).Should().Equal(8);
            announced[0].Description.Should().Contain("quote");
            store.StoredSchemaVersion.Should().Be(8);
            store.LedgerCacheState().Should().BeNull("the cache of entries without quotes is gone");

            var ledger = store.ReadLedger();
            ledger.Should().HaveCount(expected.Count);
            foreach (var e in ledger) e.Should().Be(expected[e.Id]);
            store.Database.GetCollection("ledger").FindById("bitstamp:main:104")["e"].AsBinary.Should().Equal(depositBody,
                "a non-trade is not rewritten (still format 1)");
            var (problems, checkedCount) = MappingVerifier.Verify(store);
            problems.Should().BeEmpty();
            checkedCount.Should().Be(expected.Count);
            store.Verify().Should().BeEmpty();

            store.RefreshLedgerCache().Should().BeTrue();
            store.LedgerCacheUsable().Should().BeTrue();
            foreach (var e in store.ReadLedger()) e.Should().Be(expected[e.Id]);

            // The raw records hold their entries' new fingerprints: the same page sent again changes nothing.
            var run = store.StartRun();
            store.CommitPage(new PageCommit("main", LedgerMapper.Stream, run.Id, api))
                .Should().Match<PageCommitResult>(r => r.Unchanged == 4 && r.Remapped == 0);
            store.CommitPage(new PageCommit("main", csvStream, run.Id, csv))
                .Should().Match<PageCommitResult>(r => r.Unchanged == 3 && r.Remapped == 0);
            store.FinishRun(run.Id, RunStatus.Succeeded, [], []);
            store.LedgerCacheUsable().Should().BeTrue("no entry was written");
        }

        announced.Clear();
        using (var again = PortfolioStore.Open(StorePath, Options with { OnMigration = (v, d) => announced.Add((v, d)) }))
        {
            announced.Should().BeEmpty();
            MappingVerifier.Verify(again).Problems.Should().BeEmpty();
        }
    }

    [Fact]
    public void Migration_8_running_again_changes_nothing()
    {
        WriteAtSchema7([new PageCommit("main", LedgerMapper.Stream, "run", MapApi("main", ApiRecords))]);
        using (PortfolioStore.Open(StorePath, Options)) { }
        using var store = PortfolioStore.Open(StorePath, Options);
        var before = store.Database.GetCollection("ledger").FindAll().Select(d => d["e"].AsBinary).ToList();

        SchemaMigrations.All.Single(m => m.Version == 8).Apply(store.Database);

        store.Database.GetCollection("ledger").FindAll().Select(d => d["e"].AsBinary).Should().BeEquivalentTo(before, o => o.WithStrictOrdering());
        MappingVerifier.Verify(store).Problems.Should().BeEmpty();
    }

    [Fact]
    public void On_the_sample_data_the_backfilled_quote_of_every_trade_is_the_mappers_from_the_fee_and_from_the_record_alone()
    {
        var trades = 0;
        var cryptoQuoted = 0;
        foreach (var (account, json) in SampleRecords())
        {
            if (UserTransactionParser.Parse(json).Value is not { } value) continue;
            var entry = LedgerMapper.Map(account, value).Entry;
            if (entry.Kind != EntryKind.Trade) continue;
            trades++;
            if (!Asset.DefaultFiat.Contains(entry.Quote!.Value)) cryptoQuoted++;
            TradeQuoteBackfill.QuoteOf(entry with { Quote = null }, _ => json).Should().Be(entry.Quote, json);
            // Without the fee, from the raw record alone: what LedgerMapper.QuoteOf gives for the record.
            var feeLessEntry = new LedgerEntry(entry.Id, entry.Account, entry.At, entry.Kind, entry.Legs, null, entry.ExternalId, entry.OrderId, entry.SourceKey);
            TradeQuoteBackfill.QuoteOf(feeLessEntry, _ => json).Should().Be(entry.Quote, json);
        }
        trades.Should().BeGreaterThan(2_500);
        cryptoQuoted.Should().BeGreaterThan(100, "the grid bot trades ETH/BTC");
    }

    [Fact]
    public void A_store_of_the_whole_sample_data_written_at_schema_7_verifies_equal_after_migration_8()
    {
        var pages = new List<PageCommit>();
        var trades = 0;
        foreach (var group in SampleRecords().GroupBy(r => r.Account))
        {
            var records = MapApi(group.Key, group.Select(r => r.Json));
            trades += records.Count(r => r.Entry?.Kind == EntryKind.Trade);
            pages.AddRange(records.Chunk(1_000).Select(c => new PageCommit(group.Key, LedgerMapper.Stream, "run", c)));
        }
        WriteAtSchema7(pages);
        using (var old = PortfolioStore.Open(StorePath, Schema7))
            MappingVerifier.Verify(old).Problems.Should().HaveCount(trades);

        using var store = PortfolioStore.Open(StorePath, Options);

        MappingVerifier.Verify(store).Problems.Should().BeEmpty();
        store.Verify().Should().BeEmpty();
    }

    private static IEnumerable<(string Account, string Json)> SampleRecords()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "PortfolioSync.sln"))) root = root.Parent;
        var sample = Path.Combine(root!.FullName, "sample-data");
        foreach (var dir in Directory.GetDirectories(sample).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(dir, "user_transactions.json");
            if (!File.Exists(file)) continue;
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var record in doc.RootElement.EnumerateArray())
                yield return (Path.GetFileName(dir), record.GetRawText());
        }
    }
}

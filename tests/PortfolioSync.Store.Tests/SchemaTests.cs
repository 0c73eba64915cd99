using System.Globalization;
using LiteDB;
using PortfolioSync.Store.Schema;

namespace PortfolioSync.Store.Tests;

public sealed class SchemaTests : IDisposable
{
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    private LiteDatabase RawDatabase()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_temp.FilePath)!);
        return new LiteDatabase(new ConnectionString
        {
            Filename = _temp.FilePath, Connection = ConnectionType.Shared,
            Collation = new Collation(CultureInfo.InvariantCulture.LCID, CompareOptions.Ordinal),
        });
    }

    [Fact]
    public void A_new_store_is_created_with_its_folders_at_the_current_schema()
    {
        using var store = _temp.Open();
        File.Exists(_temp.FilePath).Should().BeTrue();
        store.StoredSchemaVersion.Should().Be(PortfolioStore.SchemaVersion);
        store.Verify().Should().BeEmpty();
    }

    [Fact]
    public void A_store_at_an_older_schema_is_migrated_on_open_and_keeps_its_data()
    {
        // Version 0: a LiteDB file without meta or indexes, holding data.
        var entry = Records.Entry(5);
        using (var db = RawDatabase())
            db.GetCollection("ledger").Insert(Bson.LedgerBson.ToDocument(entry));

        using var store = _temp.Open();

        store.StoredSchemaVersion.Should().Be(PortfolioStore.SchemaVersion);
        store.Database.GetCollection("ledger").Count().Should().Be(1);
        store.GetLedgerBalances(entry.Account).Should().NotBeEmpty("migration 2 computes the ledger sums of existing entries");
        store.GetLedgerSpan().First.Should().Be(entry.At);
        store.Database.GetCollection("$indexes").Find(Query.EQ("collection", "ledger")).Select(d => d["name"].AsString)
            .Should().Contain("at").And.NotContain("account", "schema 3 dropped the account index");
    }

    [Fact]
    public void Migrations_run_in_order_once_each()
    {
        var applied = new List<int>();
        var migrations = SchemaMigrations.All.Concat([
            new Migration(PortfolioStore.SchemaVersion + 2, "second extra", _ => applied.Add(2)),
            new Migration(PortfolioStore.SchemaVersion + 1, "first extra", db => { applied.Add(1); db.GetCollection("meta").Upsert(new BsonDocument { ["_id"] = "m2", ["ok"] = true }); }),
        ]).OrderBy(m => m.Version).ToList();
        var options = new StoreOptions { Time = _temp.Clock, Migrations = migrations };

        using (var store = _temp.Open(options)) store.StoredSchemaVersion.Should().Be(PortfolioStore.SchemaVersion + 2);
        using (var store = _temp.Open(options)) store.StoredSchemaVersion.Should().Be(PortfolioStore.SchemaVersion + 2);

        applied.Should().Equal(1, 2);
    }

    [Fact]
    public void A_store_written_by_a_newer_version_is_refused_with_a_clear_message()
    {
        using (var store = _temp.Open())
            store.Database.GetCollection("meta").Upsert(new BsonDocument { ["_id"] = "schema", ["version"] = 99 });

        var act = () => _temp.Open();

        act.Should().Throw<StoreException>()
            .WithMessage($"{_temp.FilePath}: the store has schema version 99, but this version of PortfolioSync knows only up to {PortfolioStore.SchemaVersion}*")
            .Which.StorePath.Should().Be(_temp.FilePath);
    }

    [Fact]
    public void A_corrupted_file_gives_an_error_naming_the_path()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_temp.FilePath)!);
        File.WriteAllText(_temp.FilePath, new string('x', 40_000));

        var act = () => _temp.Open();

        act.Should().Throw<StoreException>().WithMessage($"the store {_temp.FilePath} is damaged: it cannot be opened*Recovery*");
    }

    [Fact]
    public void A_failing_migration_leaves_the_schema_version_where_it_was()
    {
        using (_temp.Open()) { }
        var options = new StoreOptions { Time = _temp.Clock, Migrations = [.. SchemaMigrations.All, new Migration(PortfolioStore.SchemaVersion + 1, "broken", _ => throw new InvalidDataException("half way"))] };

        var act = () => _temp.Open(options);

        act.Should().Throw<StoreException>().WithMessage("*half way*");
        using var store = _temp.Open();
        store.StoredSchemaVersion.Should().Be(PortfolioStore.SchemaVersion);
    }
}

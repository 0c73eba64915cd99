using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.FakeBitstamp.Generation;
using PortfolioSync.Store;

namespace PortfolioSync.Cli.Tests;

/// <summary>
/// <c>export-data</c> on the sample data: serving the folder it writes and syncing it into a fresh store gives the same
/// ledger and byte-identical reports, and the folder holds no credential of the user's.
/// </summary>
public sealed class ExportDataTests
{
    [Fact]
    public async Task An_exported_folder_served_and_synced_again_gives_the_same_ledger_and_byte_identical_reports()
    {
        // Given a store synced from the sample data
        var sample = SampleDataGenerator.Sample();
        await using var original = await LocalExchange.StartAsync(sample);
        using var cli = new CliRun { Time = TimeProvider.System };
        var config = original.WriteConfig(cli);
        (await cli.RunAsync("sync", "--config", config, "--quiet")).ExitCode.Should().Be(0);

        // When it is exported, served and synced into a fresh store
        var export = await cli.RunAsync("export-data", "--config", config, "--out", "replay");
        export.ExitCode.Should().Be(0, export.Error);
        export.Out.Should().Contain("wrote ").And.Contain("fresh test credentials");
        var folder = cli.PathIn("replay");
        var replayed = ServerData.Load(folder);
        var serverJson = File.ReadAllText(Path.Combine(folder, "server.json"));
        foreach (var account in sample.Accounts)
        {
            serverJson.Should().NotContain(account.Secret).And.NotContain(account.Key, "fresh test credentials, never the user's");
            replayed.Account(account.Name).Transactions.Select(t => t.JsonText).Order(StringComparer.Ordinal)
                .Should().Equal(account.Transactions.Select(t => t.JsonText).Order(StringComparer.Ordinal), "every record byte for byte");
        }
        await using var replay = await LocalExchange.StartAsync(replayed);
        using var cli2 = new CliRun { Time = TimeProvider.System };
        var config2 = replay.WriteConfig(cli2);
        (await cli2.RunAsync("sync", "--config", config2, "--quiet")).ExitCode.Should().Be(0);

        // Then the ledgers are identical
        IReadOnlyList<Domain.Ledger.LedgerEntry> Ledger(CliRun run)
        {
            using var store = PortfolioStore.Open(run.PathIn("store/portfoliosync.db"), new StoreOptions { Time = TimeProvider.System });
            return store.ReadLedger();
        }
        var ledger = Ledger(cli);
        ledger.Should().HaveCount((int)sample.RecordCount);
        Ledger(cli2).Should().Equal(ledger);

        // And so are the reports, byte for byte
        foreach (var run in new[] { cli, cli2 })
            (await run.RunAsync("report", "--config", run.PathIn("config.json"), "--year", "2024", "--out", "out", "--quiet")).ExitCode
                .Should().BeOneOf(0, 6);
        var files = Directory.GetFiles(cli.PathIn("out"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(cli.PathIn("out"), f)).Order().ToList();
        files.Should().Contain(f => f.EndsWith("disposals.csv", StringComparison.Ordinal));
        Directory.GetFiles(cli2.PathIn("out"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(cli2.PathIn("out"), f)).Order()
            .Should().Equal(files);
        foreach (var file in files.Where(f => !f.EndsWith(".xlsx", StringComparison.Ordinal) && !f.EndsWith("notes.txt", StringComparison.Ordinal)))
            File.ReadAllBytes(cli2.PathIn(Path.Combine("out", file))).Should().Equal(File.ReadAllBytes(cli.PathIn(Path.Combine("out", file))), file);
        // notes.txt names the store it was made from (each run has its own home folder): equal once that path is set aside.
        foreach (var notes in files.Where(f => f.EndsWith("notes.txt", StringComparison.Ordinal)))
            File.ReadAllText(cli2.PathIn(Path.Combine("out", notes))).Replace(cli2.Home, "HOME", StringComparison.Ordinal)
                .Should().Be(File.ReadAllText(cli.PathIn(Path.Combine("out", notes))).Replace(cli.Home, "HOME", StringComparison.Ordinal));
    }
}

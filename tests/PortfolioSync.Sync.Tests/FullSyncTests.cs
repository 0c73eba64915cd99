using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Warnings;
using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.FakeBitstamp.Generation;

namespace PortfolioSync.Sync.Tests;

public sealed class FullSyncTests
{
    private static readonly Lazy<ServerData> Generated = new(() =>
        SampleDataGenerator.Generate(new GeneratorOptions { Records = 6000, Accounts = 3, Seed = 41 }));

    /// <summary>One full sync of <see cref="Generated"/> into a new store: the first test checks it, the next two start
    /// from a copy of the store it wrote (each with its own server of the same data) instead of syncing it again.</summary>
    private static readonly Lazy<Task<SyncedStore>> FirstSync = new(() => SyncHarness.FirstSyncAsync(Generated.Value));

    [Fact]
    public async Task A_full_sync_stores_every_record_byte_for_byte_as_the_server_sent_it()
    {
        var first = await FirstSync.Value;
        await using var h = await SyncHarness.StartAsync(Generated.Value, store: first.Path);

        var report = first.Report;

        report.AllSucceeded.Should().BeTrue(string.Join("; ", report.Accounts.Select(a => a.Error)));
        h.WithStore(store =>
        {
            foreach (var account in h.Server.Data.Accounts)
            {
                var stored = store.ReadRaw(account.Name, StreamNames.UserTransactions);
                stored.Select(r => r.ExternalId).Should().Equal(account.Transactions.Select(t => t.Id), account.Name);
                stored.Select(r => r.Json).Should().Equal(account.Transactions.Select(t => t.JsonText), "raw JSON is kept as received");
                store.CountLedger(account.Name).Should().Be(account.Transactions.Count, "every record is mapped once");
            }
            store.Verify().Should().BeEmpty();
            store.LedgerCacheUsable().Should().BeTrue("the run ends by writing the ledger cache that reports read");
            store.ReadLedger().Select(e => e.Id).Should().Equal(store.ScanLedger().Select(e => e.Id));
            return 0;
        });
        report.Warnings.Where(w => w.Code == WarningCode.Reconciliation).Should().BeEmpty("balances derived from the ledger match the server's");
        first.ForbiddenCalls.Should().BeEmpty();
    }

    [Fact]
    public async Task A_second_sync_adds_nothing_and_costs_two_user_transactions_requests_and_one_per_other_stream()
    {
        await using var h = await SyncHarness.StartAsync(Generated.Value, store: (await FirstSync.Value).Path);
        var before = h.CanonicalExport();
        h.Server.Requests.Clear();

        var second = await h.SyncAsync();

        second.Accounts.Should().OnlyContain(a => a.Inserted == 0 && a.Changed == 0 && a.Succeeded);
        h.CanonicalExport().Should().Be(before);
        foreach (var account in h.Server.Data.Accounts)
        {
            // The overlap page, then the empty page that proves the end (a short page does not).
            h.Server.Requests.Count("/api/v2/user_transactions/", account.Key).Should().Be(2, account.Name);
            h.Server.Requests.Count("/api/v2/account_balances/", account.Key).Should().Be(1, account.Name);
            h.Server.Requests.Count("/api/v2/crypto-transactions/", account.Key).Should().Be(account.IsMain ? 1 : 0, account.Name);
        }
        var pairs = second.Prices!.Pairs;
        pairs.Should().BeGreaterThan(3);
        h.Server.Requests.Snapshot().Where(c => c.Path.StartsWith("/api/v2/ohlc/", StringComparison.Ordinal))
            .Should().OnlyContain(c => c.Count == 1, "one request per price pair");
        h.Server.ForbiddenCalls.Should().BeEmpty();
    }

    [Fact]
    public async Task An_incremental_sync_restarts_a_little_before_the_cursor_to_catch_late_records()
    {
        await using var h = await SyncHarness.StartAsync(Generated.Value, store: (await FirstSync.Value).Path);
        var main = h.Server.Data.Account("main");
        var last = main.Transactions[^1];
        var hourBefore = main.Transactions.Where(t => t.DateTime >= last.DateTime.AddHours(-1)).ToList();

        var second = await h.SyncAsync(only: ["main"]);

        second.Accounts.Single().Fetched.Should().Be(hourBefore.Count, "the records of the last hour are fetched again");
        second.Accounts.Single().Unchanged.Should().Be(hourBefore.Count);
    }

    [Fact]
    public async Task The_sample_data_syncs_with_its_edge_cases_kept_and_reported()
    {
        await using var h = await SyncHarness.StartAsync(SampleDataGenerator.Sample());

        var report = await h.SyncAsync();

        report.AllSucceeded.Should().BeTrue();
        var unknown = report.Warnings.Where(w => w.Code == WarningCode.UnknownRecord).Should().ContainSingle().Subject;
        unknown.Message.Should().Contain("99");
        // The unknown record moved 1.5 USD that the ledger cannot account for: reconciliation says so, and nothing else.
        var reconciliation = report.Warnings.Where(w => w.Code == WarningCode.Reconciliation).Should().ContainSingle().Subject;
        reconciliation.Account.Should().Be(unknown.Account);
        reconciliation.Message.Should().StartWith("USD:").And.Contain("difference 1.5");
        h.WithStore(store =>
        {
            var ledger = store.ReadLedger();
            ledger.Should().Contain(e => e.Kind == EntryKind.Unknown);
            ledger.SelectMany(e => e.Legs).Should().Contain(l => l.Quantity == 1.123456789012345678m, "18 decimals are kept exactly");
            store.ReadPrices().Should().NotBeEmpty();
            store.Verify().Should().BeEmpty();
            return 0;
        });
    }
}

using System.Text.RegularExpressions;
using PortfolioSync.FakeBitstamp;
using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.FakeBitstamp.Generation;

namespace PortfolioSync.Sync.Tests;

/// <summary>
/// Paging against what the real API allows (bitstamp-api.md §9): ids that do not follow datetimes, pages shorter than
/// the limit before the end. Over real loopback HTTP; the store must end up with exactly the source's records.
/// </summary>
public sealed partial class RealWorldPagingTests
{
    [Fact]
    public async Task Out_of_order_ids_and_short_pages_lose_nothing_counts_and_records_equal_the_source()
    {
        var source = Scrambled(SampleDataGenerator.Generate(new GeneratorOptions { Records = 7000, Accounts = 2, Seed = 77 }));
        source.Accounts.Should().OnlyContain(a => !a.Transactions.IdsFollowTime, "the test needs ids that disagree with datetimes");
        await using var h = await SyncHarness.StartAsync(source, new FaultSettings { ShortPageEvery = 2 });

        var report = await h.SyncAsync(new SyncOptions { SyncPrices = false });

        report.AllSucceeded.Should().BeTrue(string.Join("; ", report.Accounts.Select(a => a.Error)));
        h.WithStore(store =>
        {
            foreach (var account in source.Accounts)
            {
                var stored = store.ReadRaw(account.Name, StreamNames.UserTransactions);
                stored.Should().HaveCount(account.Transactions.Count, account.Name);
                stored.OrderBy(r => r.ExternalId).Select(r => (r.ExternalId, r.Json)).Should()
                    .Equal(account.Transactions.OrderBy(t => t.Id).Select(t => (t.Id, t.JsonText)), "every record, byte for byte");
                store.CountLedger(account.Name).Should().Be(account.Transactions.Count);
            }
            store.Verify().Should().BeEmpty();
            return 0;
        });

        // The same data served plainly gives the same canonical store content (cursors aside: same records, same entries).
        await using var plain = await SyncHarness.StartAsync(source);
        await plain.SyncAsync(new SyncOptions { SyncPrices = false });
        Without(plain.CanonicalExport(), "# cursors").Should().Be(Without(h.CanonicalExport(), "# cursors"));
    }

    [Fact]
    public async Task A_second_sync_under_serializer_drift_reports_zero_changes_while_a_real_change_is_still_one()
    {
        var source = SampleDataGenerator.Generate(new GeneratorOptions { Records = 2500, Accounts = 2, Seed = 79 });
        await using var h = await SyncHarness.StartAsync(source);
        await h.SyncAsync(new SyncOptions { SyncPrices = false });
        var before = h.CanonicalExport();

        h.Server.Faults = new FaultSettings { SerializerDrift = true };
        await h.SyncAsync(new SyncOptions { SyncPrices = false, Full = true });   // first serve of each record: as stored
        var drifted = await h.SyncAsync(new SyncOptions { SyncPrices = false, Full = true });   // every record re-serialized

        drifted.Accounts.Should().OnlyContain(a => a.Succeeded && a.Changed == 0 && a.Inserted == 0 && a.Unchanged == a.Fetched);
        drifted.Accounts.Sum(a => a.Fetched).Should().Be(source.RecordCount);
        drifted.Warnings.Should().NotContain(w => w.Code == Domain.Warnings.WarningCode.ChangedRecord);
        var after = h.CanonicalExport().Split('\n');
        var lines = before.Split('\n');
        lines.Where((l, i) => i >= after.Length || after[i] != l).Take(2).Concat(after.Where((l, i) => i >= lines.Length || lines[i] != l).Take(2))
            .Should().BeEmpty("the stored text stays the first one received");

        var changedId = source.Accounts[0].Transactions[100].Id;
        h.Server.Faults = new FaultSettings { ChangingRecordIds = new HashSet<long> { changedId } };
        await h.SyncAsync(new SyncOptions { SyncPrices = false, Full = true, MaxParallelAccounts = 1 });
        var changed = await h.SyncAsync(new SyncOptions { SyncPrices = false, Full = true });
        changed.Accounts.Sum(a => a.Changed).Should().Be(1, "a different fee is a real change");
    }

    [Fact]
    public async Task Perpetual_and_disabled_markets_are_skipped_for_prices()
    {
        var source = SampleDataGenerator.Generate(new GeneratorOptions { Records = 1500, Accounts = 1, Seed = 80 });
        await using var h = await SyncHarness.StartAsync(source, new FaultSettings { PerpetualMarkets = true });

        var report = await h.SyncAsync();

        report.AllSucceeded.Should().BeTrue();
        report.Prices!.Pairs.Should().BeGreaterThan(2);
        var ohlc = h.Server.Requests.Snapshot().Where(c => c.Path.StartsWith("/api/v2/ohlc/", StringComparison.Ordinal)).Select(c => c.Path).ToList();
        ohlc.Should().NotBeEmpty().And.NotContain(p => p.Contains("-perp", StringComparison.Ordinal) || p.Contains("btcxyz", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Realistic_data_with_every_real_row_form_syncs_with_zero_malformed_records()
    {
        var source = SampleDataGenerator.Generate(new GeneratorOptions { Records = 4000, Accounts = 3, Seed = 81, Realistic = true });
        var texts = source.Accounts.SelectMany(a => a.Transactions).Select(t => t.JsonText).ToList();
        texts.Should().Contain(t => t.Contains("\"type\":2", StringComparison.Ordinal) || t.Contains("\"type\":0", StringComparison.Ordinal), "numeric type");
        texts.Should().Contain(t => t.Contains("\"fee\":\"None\"", StringComparison.Ordinal));
        texts.Should().Contain(t => t.Contains("e-0", StringComparison.Ordinal), "exponent notation");
        texts.Should().Contain(t => t.Contains("\"margin_mode\"", StringComparison.Ordinal));
        texts.Should().Contain(t => t.Contains("\"eth2\":", StringComparison.Ordinal)).And.Contain(t => t.Contains("\"eth2r\":", StringComparison.Ordinal));
        source.Accounts[0].Transactions.IdsFollowTime.Should().BeFalse();
        await using var h = await SyncHarness.StartAsync(source, new FaultSettings { ShortPageEvery = 3, PerpetualMarkets = true });

        var report = await h.SyncAsync();

        report.AllSucceeded.Should().BeTrue(string.Join("; ", report.Accounts.Select(a => a.Error)));
        report.Warnings.Should().NotContain(w => w.Code == Domain.Warnings.WarningCode.MalformedRecord);
        report.Accounts.Sum(a => a.Unmapped).Should().Be(0);
        report.Warnings.Where(w => w.Code == Domain.Warnings.WarningCode.Reconciliation).Should().BeEmpty();
        h.WithStore(store =>
        {
            foreach (var account in source.Accounts)
                store.CountLedger(account.Name).Should().Be(account.Transactions.Count, account.Name);
            return 0;
        });
    }

    private static string Without(string export, string section) => export[..export.IndexOf(section, StringComparison.Ordinal)];

    /// <summary>
    /// Swaps the ids of record pairs a few hundred records apart (every 50th record), so that id order and datetime
    /// order disagree as the API allows; record text changes only in its id.
    /// </summary>
    internal static ServerData Scrambled(ServerData data)
    {
        var accounts = data.Accounts.Select(account =>
        {
            var records = account.Transactions.ToArray();
            var ids = records.Select(r => r.Id).ToArray();
            for (var i = 0; i + 300 < ids.Length; i += 50) (ids[i], ids[i + 300]) = (ids[i + 300], ids[i]);
            var scrambled = records.Select((r, i) => UserTransaction.Parse(IdField().Replace(r.JsonText, $"\"id\":{ids[i]}", 1)));
            return account with { Transactions = new TransactionHistory(scrambled) };
        });
        var result = data;
        foreach (var a in accounts) result = result.WithAccount(a);
        return result;
    }

    [GeneratedRegex("\"id\":\\s*\\d+")]
    private static partial Regex IdField();
}

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

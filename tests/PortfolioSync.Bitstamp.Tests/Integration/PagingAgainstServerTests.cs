using PortfolioSync.Bitstamp.Mapping;
using PortfolioSync.Bitstamp.Records;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.FakeBitstamp.Data;
using UserTransaction = PortfolioSync.Bitstamp.Records.UserTransaction;

namespace PortfolioSync.Bitstamp.Tests.Integration;

public sealed class PagingAgainstServerTests
{
    internal static async Task<List<RawRecord<UserTransaction>>> PageAll(IBitstampClient client, int limit = 1000, long? since = null)
    {
        var all = new List<RawRecord<UserTransaction>>();
        for (var pages = 0; pages < 10_000; pages++)
        {
            var page = await client.GetUserTransactionsPageAsync(since, limit, CancellationToken.None);
            all.AddRange(page.Records);
            if (page.IsLast) return all;
            since = page.NextSinceId;
        }
        throw new InvalidOperationException("paging did not end");
    }

    /// <summary>Every record, as the sync reads them: offset pages under one fixed <c>since_id</c>, only an empty page
    /// ends (ids and datetimes may disagree in real data, so <c>since_id</c> paging alone can skip records).</summary>
    internal static async Task<List<RawRecord<UserTransaction>>> PageAllByOffset(IBitstampClient client, int limit = 1000)
    {
        var all = new List<RawRecord<UserTransaction>>();
        for (var offset = 0; offset < 10_000_000; offset += limit)
        {
            var page = await client.GetUserTransactionsPageAsync(null, offset, limit, CancellationToken.None);
            if (page.Records.Count == 0) return all;
            all.AddRange(page.Records);
        }
        throw new InvalidOperationException("paging did not end");
    }

    [Fact]
    public async Task Full_paging_of_every_generated_account_equals_the_servers_data_byte_for_byte()
    {
        await using var server = await FakeServer.StartAsync();

        foreach (var account in server.Data.Accounts)
        {
            using var client = FakeServer.ClientFor(server, account);

            var records = await PageAll(client);

            records.Should().HaveCount(account.Transactions.Count, account.Name);
            records.Select(r => r.Id!.Value).Should().Equal(account.Transactions.Select(t => t.Id));
            records.Select(r => r.RawJson).Should().Equal(account.Transactions.Select(t => t.JsonText));
            records.Should().OnlyContain(r => !r.IsMalformed);
            client.Statistics.UnsignedResponses.Should().Be(0, "the server signs every 200 answer and the client checked each");
        }
        server.ForbiddenCalls.Should().BeEmpty();
    }

    [Fact]
    public async Task Paging_with_a_small_limit_gives_the_same_records()
    {
        await using var server = await FakeServer.StartAsync();
        var account = server.Data.Accounts[1];
        using var client = FakeServer.ClientFor(server, account);

        var first = await client.GetUserTransactionsPageAsync(null, 250, CancellationToken.None);
        var rest = await PageAll(client, 250, first.NextSinceId);

        first.Records.Select(r => r.RawJson).Concat(rest.Select(r => r.RawJson))
            .Should().Equal(account.Transactions.Select(t => t.JsonText));
    }

    [Fact]
    public async Task Mapped_entries_of_every_generated_record_sum_to_the_servers_balances()
    {
        await using var server = await FakeServer.StartAsync();

        foreach (var account in server.Data.Accounts)
        {
            using var client = FakeServer.ClientFor(server, account);
            var records = await PageAll(client);
            var balances = await client.GetBalancesAsync(CancellationToken.None);

            var mappings = records.Select(r => LedgerMapper.Map(account.Name, r.Value!)).ToList();

            mappings.Should().OnlyContain(m => m.Warning == null && m.Entry.Kind != EntryKind.Unknown, account.Name);
            var net = NetPerAsset(mappings.Select(m => m.Entry));
            foreach (var (currency, expected) in account.Transactions.Balances)
                net.GetValueOrDefault(Asset.Parse(currency)).Should().Be(expected, $"{account.Name} {currency}");
            foreach (var row in balances.Select(b => b.Value!).Where(b => b.Total != 0m))
                net.GetValueOrDefault(row.Currency).Should().Be(row.Total, $"{account.Name} {row.Currency} per account_balances/");
        }
    }

    [Fact]
    public async Task The_committed_sample_maps_completely_with_one_unknown_record_kept_and_warned()
    {
        await using var server = await FakeServer.StartAsync(FakeServer.SampleData);
        var main = server.Data.Account("main");
        using var client = FakeServer.ClientFor(server, main);

        var records = await PageAllByOffset(client);
        records.Should().HaveCount(main.Transactions.Count, "the realistic sample has ids out of time order; nothing is skipped");
        var mappings = records.Select(r => LedgerMapper.Map(main.Name, r.Value!)).ToList();

        records.Should().OnlyContain(r => !r.IsMalformed);
        var unknown = mappings.Where(m => m.Entry.Kind == EntryKind.Unknown).ToList();
        unknown.Should().ContainSingle().Which.Warning!.Message.Should().Contain("type 99");
        var unknownRaw = main.Transactions.Single(t => t.Id == unknown[0].Entry.ExternalId);
        var net = NetPerAsset(mappings.Select(m => m.Entry));
        var expected = new Dictionary<string, decimal>(main.Transactions.Balances);
        foreach (var (currency, balance) in expected)
        {
            var delta = 0m;
            foreach (var a in unknownRaw.Amounts) if (a.Currency == currency) delta += a.Amount;
            net.GetValueOrDefault(Asset.Parse(currency)).Should().Be(balance - delta, currency);
        }
        records.Should().Contain(r => r.Value!.Amounts.Any(a => a.Amount.Scale == 18), "the eighteen-decimal deposit is kept exactly");
    }

    private static Dictionary<Asset, decimal> NetPerAsset(IEnumerable<LedgerEntry> entries)
    {
        var net = new Dictionary<Asset, decimal>();
        foreach (var entry in entries)
            foreach (var asset in entry.Legs.Select(l => l.Asset).Append(entry.Fee?.Asset ?? default).Where(a => a != default).Distinct())
                net[asset] = net.GetValueOrDefault(asset) + entry.NetChange(asset);
        return net;
    }
}

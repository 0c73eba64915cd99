using System.Diagnostics;
using PortfolioSync.Bitstamp.Json;
using PortfolioSync.Bitstamp.Mapping;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.FakeBitstamp.Generation;
using Xunit.Abstractions;

namespace PortfolioSync.Bitstamp.Tests.Mapping;

/// <summary>For histories from the fake server's generator (several seeds and shapes), parse + map conserves every balance.</summary>
public sealed class GeneratorPropertyTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1, 3, 3000)]
    [InlineData(2, 1, 2000)]
    [InlineData(97, 5, 8000)]
    [InlineData(20230301, 3, 4000)]
    [InlineData(424242, 7, 12000)]
    public void Every_generated_record_parses_and_maps_so_that_ledger_sums_equal_the_generators_balances(int seed, int accounts, int records)
    {
        var data = SampleDataGenerator.Generate(new GeneratorOptions { Seed = seed, Accounts = accounts, Records = records });
        var clock = Stopwatch.StartNew();

        foreach (var account in data.Accounts)
        {
            var net = new Dictionary<Asset, decimal>();
            foreach (var source in account.Transactions)
            {
                var parsed = UserTransactionParser.Parse(source.JsonText);
                parsed.Malformed.Should().BeNull(parsed.Malformed?.ToString());
                var mapping = LedgerMapper.Map(account.Name, parsed.Value!);
                mapping.Warning.Should().BeNull(source.JsonText);
                mapping.Entry.Kind.Should().NotBe(EntryKind.Unknown);
                foreach (var asset in mapping.Entry.Legs.Select(l => l.Asset).Concat(mapping.Entry.Fee is { } f ? [f.Asset] : []).Distinct())
                    net[asset] = net.GetValueOrDefault(asset) + mapping.Entry.NetChange(asset);
            }
            foreach (var (currency, balance) in account.Transactions.Balances)
                net.GetValueOrDefault(Asset.Parse(currency)).Should().Be(balance, $"seed {seed}, {account.Name}, {currency}");
        }
        output.WriteLine($"{data.RecordCount} records parsed and mapped in {clock.ElapsedMilliseconds} ms");
    }
}

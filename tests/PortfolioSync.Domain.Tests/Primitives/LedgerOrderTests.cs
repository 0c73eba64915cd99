using FsCheck;
using FsCheck.Xunit;
using NodaTime;
using PortfolioSync.Domain.Ledger;

namespace PortfolioSync.Domain.Tests.Primitives;

public sealed class LedgerOrderTests
{
    private static readonly Instant T0 = Instant.FromUtc(2024, 1, 1, 0, 0);

    private static LedgerEntry Entry(string account, long externalId, long seconds) => new(
        LedgerEntry.BitstampId(account, externalId), account, T0 + Duration.FromSeconds(seconds), EntryKind.Trade,
        [new Leg(Asset.Btc, 0.5m)], null, externalId, null, $"{account}/user_transactions/{externalId}");

    /// <summary>Entries of a few accounts, each account's in time order, accounts one after another (as the store
    /// returns them), with instants and ids colliding across accounts; <paramref name="shuffles"/> swaps pairs so
    /// that runs break up (up to a list of many runs, which takes the plain sort).</summary>
    private static List<LedgerEntry> Ledger(int[] seconds, int accounts, int[] shuffles)
    {
        var list = new List<LedgerEntry>();
        for (var a = 0; a < accounts; a++)
        {
            var t = 0L;
            for (var i = 0; i < seconds.Length; i++)
            {
                t += Math.Abs(seconds[i] % 5);   // 0 makes equal instants
                list.Add(Entry("acct" + a, i % 7 + a, t + a));
            }
        }
        // Entry ids must be distinct: renumber duplicates within an account.
        list = list.GroupBy(e => e.Id).SelectMany(g => g.Select((e, n) => n == 0 ? e
            : new LedgerEntry(e.Id + "-" + n, e.Account, e.At, e.Kind, e.Legs, e.Fee, e.ExternalId, e.OrderId, e.SourceKey))).ToList();
        foreach (var s in shuffles)
        {
            if (list.Count < 2) break;
            var i = Math.Abs(s % list.Count);
            var j = Math.Abs(s / 7 % list.Count);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }

    [Property(MaxTest = 300)]
    public void Merging_runs_gives_exactly_what_a_full_sort_gives(int[] seconds, PositiveInt accounts, int[] shuffles)
    {
        var ledger = Ledger(seconds, accounts.Get % 9 + 1, shuffles.Take(accounts.Get % 3 == 0 ? 200 : 3).ToArray());
        var expected = ledger.ToList();
        expected.Sort(LedgerOrder.Instance);

        LedgerOrder.SortInPlace(ledger);

        ledger.Should().Equal(expected, (a, b) => ReferenceEquals(a, b));
    }

    [Fact]
    public void Five_accounts_one_after_another_come_out_in_time_order()
    {
        var ledger = Enumerable.Range(0, 5)
            .SelectMany(a => Enumerable.Range(0, 1000).Select(i => Entry("acct" + a, 10_000 * a + i, i * 5 + a)))
            .ToList();

        LedgerOrder.SortInPlace(ledger);

        ledger.Select(e => e.At).Should().BeInAscendingOrder();
        ledger.Take(5).Select(e => e.Account).Should().Equal("acct0", "acct1", "acct2", "acct3", "acct4");
        ledger.Should().HaveCount(5000).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void Empty_single_and_sorted_lists_are_left_as_they_are()
    {
        var empty = new List<LedgerEntry>();
        LedgerOrder.SortInPlace(empty);
        empty.Should().BeEmpty();

        var sorted = Enumerable.Range(0, 10).Select(i => Entry("a", i, i)).ToList();
        var copy = sorted.ToList();
        LedgerOrder.SortInPlace(sorted);
        sorted.Should().Equal(copy, (a, b) => ReferenceEquals(a, b));
    }
}

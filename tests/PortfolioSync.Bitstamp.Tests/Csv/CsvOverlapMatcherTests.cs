using NodaTime;
using PortfolioSync.Bitstamp.Csv;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Ledger;

namespace PortfolioSync.Bitstamp.Tests.Csv;

public sealed class CsvOverlapMatcherTests
{
    private static readonly Instant Noon = Instant.FromUtc(2024, 5, 1, 12, 0, 17);

    private static LedgerEntry Buy(long id, string stream, Instant at, decimal btc = 0.01m, decimal usd = -600m, decimal fee = 1.2m) =>
        new(LedgerEntry.BitstampId("main", id), "main", at, EntryKind.Trade,
            [new Leg(Asset.Btc, btc), new Leg(Asset.Usd, usd)], new Money(fee, Asset.Usd), id, 7, $"main/{stream}/{id}");

    [Fact]
    public void A_row_with_the_id_of_a_synced_entry_is_present_by_id()
    {
        var synced = Buy(100, "user_transactions", Noon);
        var row = Buy(100, "csv:x.csv", Noon);

        var match = CsvOverlapMatcher.Match([(row, true)], [synced]).Single();

        match.Status.Should().Be(CsvRowStatus.PresentById);
    }

    [Fact]
    public void A_row_already_imported_from_the_same_file_is_already_imported()
    {
        var row = Buy(100, "csv:x.csv", Noon);

        CsvOverlapMatcher.Match([(row, true)], [row]).Single().Status.Should().Be(CsvRowStatus.AlreadyImported);
    }

    [Fact]
    public void A_row_without_id_matches_the_one_entry_of_the_same_minute_kind_legs_and_fee()
    {
        var synced = Buy(100, "user_transactions", Noon);
        var row = Buy(-5, "csv:x.csv", Instant.FromUtc(2024, 5, 1, 12, 0, 0), btc: 0.010m, usd: -600.00m);

        CsvOverlapMatcher.Match([(row, false)], [synced]).Single().Status.Should().Be(CsvRowStatus.PresentByMatch);
    }

    [Theory]
    [InlineData(0.02, -600, 1.2, 0)]     // another amount
    [InlineData(0.01, -600, 1.3, 0)]     // another fee
    [InlineData(0.01, -600, 1.2, 60)]    // the next minute
    public void A_row_that_differs_in_amount_fee_or_minute_is_new(decimal btc, decimal usd, decimal fee, int seconds)
    {
        var synced = Buy(100, "user_transactions", Instant.FromUtc(2024, 5, 1, 12, 0, 0));
        var row = Buy(-5, "csv:x.csv", Instant.FromUtc(2024, 5, 1, 12, 0, 0).Plus(Duration.FromSeconds(seconds)), btc, usd, fee);

        CsvOverlapMatcher.Match([(row, false)], [synced]).Single().Status.Should().Be(CsvRowStatus.New);
    }

    [Fact]
    public void Two_identical_rows_and_two_identical_entries_of_one_minute_are_both_present_but_one_row_against_two_is_ambiguous()
    {
        var e1 = Buy(100, "user_transactions", Noon);
        var e2 = Buy(101, "user_transactions", Noon.Plus(Duration.FromSeconds(20)));
        var r1 = Buy(-5, "csv:x.csv", Noon);
        var r2 = Buy(-4, "csv:x.csv", Noon);

        CsvOverlapMatcher.Match([(r1, false), (r2, false)], [e1, e2]).Select(m => m.Status)
            .Should().Equal(CsvRowStatus.PresentByMatch, CsvRowStatus.PresentByMatch);
        var ambiguous = CsvOverlapMatcher.Match([(r1, false)], [e1, e2]).Single();
        ambiguous.Status.Should().Be(CsvRowStatus.Ambiguous);
        ambiguous.Candidates.Select(c => c.Id).Should().Equal(e1.Id, e2.Id);
    }
}

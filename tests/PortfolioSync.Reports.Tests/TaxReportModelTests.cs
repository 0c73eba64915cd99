using PortfolioSync.Domain;
using CostBasisMethod = PortfolioSync.Domain.CostBasis.CostBasisMethod;
using PoolScope = PortfolioSync.Domain.CostBasis.PoolScope;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Tax;
using PortfolioSync.Reports.Model;
using PortfolioSync.Reports.Tests.Builders;

namespace PortfolioSync.Reports.Tests;

public sealed class TaxReportModelTests
{
    [Fact]
    public void Gains_and_losses_are_counted_per_disposal_not_per_lot()
    {
        // Given one disposal whose lots gain 10 and lose 4, and one that loses 3
        var report = new TaxReportBuilder()
            .Disposal("d1", "BTC", "2024-06-01", "1", "20", "10", lot: "a")
            .Disposal("d1", "BTC", "2024-06-01", "1", "6", "10", lot: "b")
            .Disposal("d2", "BTC", "2024-07-01", "1", "7", "10")
            .Build();

        // Then
        var btc = report.Summary.Single();
        btc.Disposals.Should().Be(2);
        btc.Gains.Should().Be(6m);
        btc.Losses.Should().Be(3m);
        btc.Net.Should().Be(3m);
        btc.Net.Should().Be(btc.Proceeds - btc.Costs - btc.Fees);
    }

    [Fact]
    public void The_total_row_adds_up_every_asset_and_sa108_counts_fees_as_allowable_costs()
    {
        var report = Samples.Uk().Build();
        report.Total.Asset.Should().Be("*total*");
        report.Total.Proceeds.Should().Be(report.Summary.Sum(s => s.Proceeds));
        report.Total.Disposals.Should().Be(6);
        report.Sa108!.AllowableCosts.Should().Be(report.Total.Costs + report.Total.Fees);
        report.Sa108.DisposalProceeds.Should().Be(35514.9325m, "31500.9225 BTC + 10.005 BTC + 4000 ETH + 3 × 1.335 SOL");
        report.Form8949.Should().BeNull();
    }

    [Fact]
    public void Form_8949_rows_use_dates_in_the_report_zone_and_list_short_term_first()
    {
        var report = new TaxReportBuilder().For(Jurisdiction.Us, 2024)
            .Disposal("d1", "BTC", "2024-05-01T02:00:00Z", "1", "10", "5", acquired: "2020-01-01T12:00:00Z", term: HoldingTerm.Long)
            .Disposal("d2", "BTC", "2024-06-01T12:00:00Z", "1", "10", "5", fees: "1", acquired: "2024-01-01T12:00:00Z", term: HoldingTerm.Short)
            .Build();

        var rows = report.Form8949!;
        rows.Select(r => r.Term).Should().Equal(HoldingTerm.Short, HoldingTerm.Long);
        rows[1].DateSold.Should().Be(new NodaTime.LocalDate(2024, 4, 30), "02:00 UTC is the evening before in New York");
        rows[0].AdjustmentCode.Should().Be("E");
        rows[0].Gain.Should().Be(4m);
        report.Sa108.Should().BeNull();
    }

    [Fact]
    public void Rows_are_sorted_by_their_documented_keys()
    {
        var report = new TaxReportBuilder()
            .Disposal("b", "BTC", "2024-06-01T10:00:00Z", "1", "1", "1")
            .Disposal("a", "BTC", "2024-06-01T10:00:00Z", "1", "1", "1", lot: "second")
            .Disposal("a", "BTC", "2024-06-01T10:00:00Z", "1", "1", "1", lot: "first")
            .Disposal("c", "BTC", "2024-05-01T10:00:00Z", "1", "1", "1")
            .Holding("universal", "ETH", "1", "1", "1")
            .Holding("external", "BTC", "1", "1", "1")
            .Holding("universal", "BTC", "1", "1", "1")
            .Build();

        report.Disposals.Select(d => d.DisposalId + d.LotId).Should().Equal("c", "asecond", "afirst", "b");
        report.Holdings.Select(h => h.Pool + "/" + h.Asset.Code).Should().Equal("external/BTC", "universal/BTC", "universal/ETH");
    }

    [Fact]
    public void A_ledger_entry_becomes_one_row_per_leg_with_its_fee_on_the_first_row_only()
    {
        var entry = new LedgerEntry("bitstamp:main:1", "main", Parse.At("2024-06-01T00:00:00Z"), EntryKind.Trade,
            [new Leg(Asset.Btc, 0.5m), new Leg(Asset.Gbp, -10000m)], new Money(25m, Asset.Gbp), 1, 99, "main/user_transactions/1");

        var rows = TransactionRow.FromEntry(entry, [10000m, -10000m], 25m).ToList();

        rows.Select(r => r.Leg).Should().Equal(1, 2);
        rows.Select(r => r.Fee).Should().Equal(25m, null);
        rows.Select(r => r.FeeValue).Should().Equal(25m, null);
        rows.Should().AllSatisfy(r => r.SourceKey.Should().Be("main/user_transactions/1"));
        FluentActions.Invoking(() => TransactionRow.FromEntry(entry, [1m]).ToList()).Should().Throw<ArgumentException>()
            .WithMessage("*2 legs but 1 leg values*");
    }

    [Theory]
    [InlineData("-1", "1", "0", "Proceeds")]
    [InlineData("1", "-1", "0", "Cost")]
    [InlineData("1", "1", "-0.01", "Fees")]
    public void A_negative_amount_in_a_disposal_row_is_refused_naming_the_field(string proceeds, string cost, string fees, string field) =>
        FluentActions.Invoking(() => new TaxReportBuilder().Disposal("d", "BTC", "2024-06-01", "1", proceeds, cost, fees))
            .Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == field);

    [Fact]
    public void A_report_context_refuses_an_unknown_zone()
    {
        // Method and scope are typed (an unknown one cannot be built); their text is checked where it is parsed.
        var year = new TaxYear(2024, TaxYearRule.Uk);
        FluentActions.Invoking(() => new ReportContext(year, Jurisdiction.Uk, CostBasisMethod.Uk, PoolScope.Universal, Asset.Gbp, "Mars/Olympus", ""))
            .Should().Throw<ArgumentException>().WithMessage("'Mars/Olympus' is not a TZDB time zone id*");
    }

    [Fact]
    public void A_row_outside_the_tax_year_in_the_report_zone_is_refused()
    {
        // 23:30 UTC on 5 April 2025 is 00:30 on 6 April in London: the next UK tax year
        FluentActions.Invoking(() => new TaxReportBuilder().Disposal("late", "BTC", "2025-04-05T23:30:00Z", "1", "1", "1").Build())
            .Should().Throw<ArgumentException>().WithMessage(
                "disposal late at 2025-04-05T23:30:00Z is on 2025-04-06 in Europe/London, outside tax year 2024-25 (2024-04-06 to 2025-04-05)*");
        FluentActions.Invoking(() => new TaxReportBuilder().Disposal("early", "BTC", "2024-04-05T23:30:00Z", "1", "1", "1").Build())
            .Should().NotThrow("00:30 BST on 6 April 2024 is the first day of 2024-25");
    }

    [Fact]
    public void The_notes_state_method_currency_zone_and_the_rounding_rule()
    {
        var notes = string.Join("\n", Samples.Us().Build().Notes);
        notes.Should().Contain("Method fifo").And.Contain("base currency USD").And.Contain("America/New_York")
            .And.Contain("half away from zero").And.Contain("rounded sum of the unrounded values");
    }
}

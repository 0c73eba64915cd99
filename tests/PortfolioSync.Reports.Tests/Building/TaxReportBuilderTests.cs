using NodaTime;
using NodaTime.Text;
using PortfolioSync.Domain;
using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Pricing;
using PortfolioSync.Domain.Tax;
using PortfolioSync.Domain.Valuation;
using PortfolioSync.Domain.Warnings;
using PortfolioSync.Reports.Building;
using ReportRule = PortfolioSync.Domain.CostBasis.MatchRule;
using ReportTerm = PortfolioSync.Reports.Model.HoldingTerm;

namespace PortfolioSync.Reports.Tests.Building;

public sealed class TaxReportBuilderTests
{
    private static readonly Asset Btc = Asset.Btc;
    private static readonly Asset Usd = Asset.Usd;
    private long _id = 100;

    private LedgerEntry Entry(string at, EntryKind kind, string account = "main", Money? fee = null, params Leg[] legs)
    {
        var id = ++_id;
        return new LedgerEntry(LedgerEntry.BitstampId(account, id), account, InstantPattern.General.Parse(at).Value, kind, legs, fee, id,
            kind == EntryKind.Trade ? id : null, $"{account}/user_transactions/{id}");
    }

    private static DailyPrice Close(string pair, string date, decimal close) =>
        new(Asset.Parse(pair[..3]), Asset.Parse(pair[3..]), LocalDatePattern.Iso.Parse(date).Value, close, close, close, close);

    private static CostBasisOptions UsOptions(CostBasisMethod method, int year) => CostBasisOptions.For(method, Jurisdiction.Us) with
    {
        SnapshotAt = [TaxReportBuilder.SnapshotInstant(new TaxYear(year, TaxYearRule.Calendar), DateTimeZoneProviders.Tzdb["America/New_York"])],
    };

    [Fact]
    public void The_year_end_snapshot_is_the_last_instant_of_the_years_last_day_in_the_zone()
    {
        var london = DateTimeZoneProviders.Tzdb["Europe/London"];

        var at = TaxReportBuilder.SnapshotInstant(new TaxYear(2024, TaxYearRule.Uk), london);

        at.Should().Be(Instant.FromUtc(2025, 4, 5, 23, 0) - Duration.Epsilon, "6 April 2025 starts at 23:00 UTC (BST)");
    }

    [Fact]
    public void A_result_without_the_year_end_snapshot_is_refused()
    {
        var ledger = new[] { Entry("2024-01-01T00:00:00Z", EntryKind.Deposit, legs: new Leg(Usd, 10m)) };
        var result = CostBasisEngine.Run(ledger, PriceBook.Empty, CostBasisOptions.For(CostBasisMethod.Fifo, Jurisdiction.Us));

        var act = () => TaxReportBuilder.Build(ledger, PriceBook.Empty, result, new TaxYear(2024, TaxYearRule.Calendar),
            new TaxReportSettings(Jurisdiction.Us, "test"));

        act.Should().Throw<ArgumentException>().WithMessage("*TaxReportBuilder.SnapshotInstant*");
    }

    [Fact]
    public void A_us_report_carries_terms_external_holdings_income_and_only_the_relevant_engine_warnings()
    {
        // Given (New York dates): buy 1 BTC 2023-03-01 for 20000 USD; buy 1 BTC 2024-01-10 for 40000 USD;
        // sell 1.5 BTC 2024-03-02 for 75000 USD (fee 75); withdraw 0.25 BTC; a referral of 10 USD;
        // and in 2025 a deposit with no cost (its warning belongs to 2025, not to 2024)
        var ledger = new[]
        {
            Entry("2023-03-01T15:00:00Z", EntryKind.Trade, legs: [new Leg(Btc, 1m), new Leg(Usd, -20000m)]),
            Entry("2024-01-10T15:00:00Z", EntryKind.Trade, legs: [new Leg(Btc, 1m), new Leg(Usd, -40000m)]),
            Entry("2024-03-02T15:00:00Z", EntryKind.Trade, fee: new Money(75m, Usd), legs: [new Leg(Btc, -1.5m), new Leg(Usd, 75000m)]),
            Entry("2024-05-01T15:00:00Z", EntryKind.Withdrawal, legs: new Leg(Btc, -0.25m)),
            Entry("2024-06-01T15:00:00Z", EntryKind.ReferralReward, legs: new Leg(Usd, 10m)),
            Entry("2025-02-01T15:00:00Z", EntryKind.Deposit, legs: new Leg(Btc, 1m)),
        };
        var prices = new PriceBook([Close("btcusd", "2024-12-30", 90000m)]);
        var result = CostBasisEngine.Run(ledger, prices, UsOptions(CostBasisMethod.Fifo, 2024));
        var extra = new Warning(WarningCode.Reconciliation, Severity.Warning, "main", null, "balance differs");

        // When
        var report = TaxReportBuilder.Build(ledger, prices, result, new TaxYear(2024, TaxYearRule.Calendar),
            new TaxReportSettings(Jurisdiction.Us, "test"), [extra]);

        // Then FIFO: 1 BTC of 2023-03-01 (long: sold after 2024-03-01), 0.5 of 2024-01-10 (short); fees split 50/25
        report.Disposals.Should().HaveCount(2);
        var (oldLot, newLot) = (report.Disposals[0], report.Disposals[1]);
        (oldLot.Quantity, oldLot.Proceeds, oldLot.Cost, oldLot.Fees, oldLot.Gain).Should().Be((1m, 50000m, 20000m, 50m, 29950m));
        (newLot.Quantity, newLot.Proceeds, newLot.Cost, newLot.Fees, newLot.Gain).Should().Be((0.5m, 25000m, 20000m, 25m, 4975m));
        oldLot.Term.Should().Be(ReportTerm.Long);
        newLot.Term.Should().Be(ReportTerm.Short);
        oldLot.MatchRule.Should().Be(ReportRule.Fifo);
        oldLot.LotId.Should().Be(ledger[0].Id + "/BTC");
        oldLot.AcquiredAt.Should().Be(ledger[0].At);

        // And the withdrawn quarter is an external holding, the rest on the exchange, both priced with the 2024-12-31
        // candle, which is missing: the 2024-12-30 close is carried forward (warned)
        report.Holdings.Select(h => (h.Pool, h.Asset.Code, h.Quantity, h.Cost, h.Price)).Should().Equal(
            ("external", "BTC", 0.25m, 10000m, 90000m),
            ("universal", "BTC", 0.25m, 10000m, 90000m));
        report.Warnings.Should().Contain(w => w.Code == "price-gap-filled" && w.Message.Contains("holdings at the end of tax year 2024"));

        // And income is valued, in dollars already
        report.Income.Should().ContainSingle().Which.Value.Should().Be(10m);

        // And the 2025 deposit's missing-cost-basis warning is not in 2024's report; the extra warning is
        report.Warnings.Should().NotContain(w => w.Code == "missing-cost-basis");
        report.Warnings.Should().Contain(w => w.Code == "reconciliation");
        report.Transactions.Should().HaveCount(6, "2024 holds two trades of two legs, a withdrawal and a referral");
    }

    [Fact]
    public void A_sale_of_more_than_was_held_is_reported_as_a_shortfall_lot_at_zero_cost()
    {
        var ledger = new[]
        {
            Entry("2024-02-01T12:00:00Z", EntryKind.Trade, legs: [new Leg(Btc, 1m), new Leg(Usd, -30000m)]),
            Entry("2024-03-01T12:00:00Z", EntryKind.Trade, legs: [new Leg(Btc, -1.5m), new Leg(Usd, 60000m)]),
        };
        var result = CostBasisEngine.Run(ledger, PriceBook.Empty, UsOptions(CostBasisMethod.Fifo, 2024));

        var report = TaxReportBuilder.Build(ledger, PriceBook.Empty, result, new TaxYear(2024, TaxYearRule.Calendar),
            new TaxReportSettings(Jurisdiction.Us, "test"));

        report.Disposals.Select(d => (d.MatchRule, d.Quantity, d.Cost, d.Proceeds)).Should().Equal(
            (ReportRule.Fifo, 1m, 30000m, 40000m),
            (ReportRule.Shortfall, 0.5m, 0m, 20000m));
        report.Warnings.Should().Contain(w => w.Code == "negative-balance");
    }

    [Fact]
    public void Transaction_legs_are_valued_as_the_engine_values_them_and_unpriced_legs_stay_empty()
    {
        // A buy of 0.5 BTC for 10000 EUR in a USD report (EUR/USD 1.1): both legs 11000 USD; the fee 10 EUR = 11 USD.
        // A deposit of 2 XRP with no XRP price: empty value and a notice.
        var ledger = new[]
        {
            Entry("2024-02-01T12:00:00Z", EntryKind.Trade, fee: new Money(10m, Asset.Eur), legs: [new Leg(Btc, 0.5m), new Leg(Asset.Eur, -10000m)]),
            Entry("2024-02-02T12:00:00Z", EntryKind.Deposit, legs: new Leg(Asset.Parse("XRP"), 2m)),
        };
        var prices = new PriceBook([Close("eurusd", "2024-02-01", 1.1m), Close("btcusd", "2024-02-01", 99999m)]);
        var result = CostBasisEngine.Run(ledger, prices, UsOptions(CostBasisMethod.Fifo, 2024));

        var report = TaxReportBuilder.Build(ledger, prices, result, new TaxYear(2024, TaxYearRule.Calendar),
            new TaxReportSettings(Jurisdiction.Us, "test"));

        report.Transactions.Select(t => (t.Asset?.Code, t.Value, t.FeeValue)).Should().Equal(
            ("BTC", 11000m, 11m),
            ("EUR", -11000m, null),
            ("XRP", null, null));
        report.Warnings.Should().Contain(w => w.Code == "missing-price" && w.Severity == Severity.Info && w.Message.StartsWith("transactions: no XRP->USD price for 1 leg"));

        // And at the year end XRP has no price at all: empty, never zero (the report warns); BTC's last close is carried
        report.Holdings.Select(h => (h.Asset.Code, h.Price)).Should().Equal(("BTC", 99999m), ("XRP", null));
        report.Warnings.Should().Contain(w => w.Code == "missing-price" && w.Message.Contains("market_value"));
    }

    [Fact]
    public void A_value_report_gets_its_unrealized_gain_from_the_engine_snapshot_at_the_end_date()
    {
        // 1 BTC bought 2024-01-01 for 30000 USD (fee 30); closes 40000 then 42000: gain at 01-02 = 42000 − 30030
        var ledger = new[]
        {
            Entry("2024-01-01T12:00:00Z", EntryKind.Deposit, legs: new Leg(Usd, 30030m)),
            Entry("2024-01-01T13:00:00Z", EntryKind.Trade, fee: new Money(30m, Usd), legs: [new Leg(Btc, 1m), new Leg(Usd, -30000m)]),
        };
        var prices = new PriceBook([Close("btcusd", "2024-01-01", 40000m), Close("btcusd", "2024-01-02", 42000m)]);
        var utc = DateTimeZone.Utc;
        var series = new ValueSeriesOptions(new LocalDate(2024, 1, 1), new LocalDate(2024, 1, 2), Usd, utc);

        var report = ValueReportBuilder.Compute(ledger, prices, series, CostBasisOptions.For(CostBasisMethod.Fifo), "test");

        report.ValueAtEnd.Should().Be(42000m);
        report.CostAtEnd.Should().Be(30030m);
        report.UnrealizedGainAtEnd.Should().Be(11970m);
        var wrong = CostBasisEngine.Run(ledger, prices, CostBasisOptions.For(CostBasisMethod.Fifo, Jurisdiction.Uk) with
        {
            SnapshotAt = [ValueReportBuilder.EndOfDay(series.To, utc)],
        });
        FluentActions.Invoking(() => ValueReportBuilder.Build(ValueSeries.Compute(ledger, prices, series), series, wrong, prices, "test"))
            .Should().Throw<ArgumentException>().WithMessage("the cost basis is in GBP, the series in USD*");
    }
}

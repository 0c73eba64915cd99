using NodaTime;
using NodaTime.Text;
using PortfolioSync.Domain;
using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Pricing;
using PortfolioSync.Domain.Tax;
using PortfolioSync.Reports.Building;
using PortfolioSync.Reports.Input;

namespace PortfolioSync.Reports.Tests.Building;

/// <summary>Issue 14's report extras: SA108 split at 30 October 2024 with the exempt amount and threshold,
/// derivatives.csv, allocation-YYYY-MM-DD.csv and the acquired_at column of manual-costs.csv; all written and read back.</summary>
public sealed class UkUsExtrasTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ukus-").FullName;
    private long _id = 100;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private LedgerEntry Entry(string account, string at, EntryKind kind, params Leg[] legs)
    {
        var id = _id++;
        return new LedgerEntry(LedgerEntry.BitstampId(account, id), account, InstantPattern.General.Parse(at).Value, kind, legs, null, id,
            null, $"{account}/user_transactions/{id}");
    }

    private static Leg L(string asset, decimal q) => new(Asset.Parse(asset), q);

    private string Write(IReadOnlyList<LedgerEntry> ledger, CostBasisOptions options, TaxYear year, Jurisdiction j)
    {
        var report = TaxYearReports.Build(ledger, PriceBook.Empty, options, [year], new TaxReportSettings(j, "test")).Single();
        return ReportWriter.Write(report, _dir, ReportFormats.Csv);
    }

    [Fact]
    public void Sa108_2024_25_gives_the_parts_before_and_from_30_october_with_the_exempt_amount_and_threshold()
    {
        // Gain 30,000 on 29 Oct 2024 (23:30 London is still the 29th), gain 1,000 on 30 Oct; proceeds 71,000 > 50,000.
        var ledger = new[]
        {
            Entry("main", "2024-05-01T12:00:00Z", EntryKind.Trade, L("BTC", 2m), L("GBP", -40000m)),
            Entry("main", "2024-10-29T22:30:00Z", EntryKind.Trade, L("BTC", -1m), L("GBP", 50000m)),
            Entry("main", "2024-10-30T12:00:00Z", EntryKind.Trade, L("BTC", -1m), L("GBP", 21000m)),
        };

        var folder = Write(ledger, CostBasisOptions.For(CostBasisMethod.Uk, Jurisdiction.Uk), new TaxYear(2024, TaxYearRule.Uk), Jurisdiction.Uk);

        File.ReadAllLines(Path.Combine(folder, "sa108-summary.csv")).Should().Equal(
            "tax_year,period,disposals,disposal_proceeds,allowable_costs,gains,losses,net,incomplete,annual_exempt_amount,reporting_threshold,proceeds_over_threshold",
            "2024-25,year,2,71000.00,40000.00,31000.00,0.00,31000.00,0,3000.00,50000.00,yes",
            "2024-25,before 2024-10-30,1,50000.00,20000.00,30000.00,0.00,30000.00,0,,,",
            "2024-25,from 2024-10-30,1,21000.00,20000.00,1000.00,0.00,1000.00,0,,,");
    }

    [Theory]
    [InlineData(2022, "12300.00,49200.00")]
    [InlineData(2023, "6000.00,50000.00")]
    [InlineData(2025, "3000.00,50000.00")]
    public void Each_uk_year_states_its_exempt_amount_and_reporting_threshold(int start, string figures)
    {
        var folder = Write([], CostBasisOptions.For(CostBasisMethod.Uk, Jurisdiction.Uk), new TaxYear(start, TaxYearRule.Uk), Jurisdiction.Uk);

        var lines = File.ReadAllLines(Path.Combine(folder, "sa108-summary.csv"));
        lines.Should().HaveCount(2);
        lines[1].Should().EndWith($",{figures},no");
    }

    [Fact]
    public void Derivatives_settlements_go_to_derivatives_csv_signed_with_a_total_and_not_to_income()
    {
        var ledger = new[]
        {
            Entry("main", "2024-03-01T12:00:00Z", EntryKind.DerivativesSettlement, L("USD", 125.5m)),
            Entry("main", "2024-03-02T12:00:00Z", EntryKind.DerivativesSettlement, L("USD", -40m)),
        };

        var folder = Write(ledger, CostBasisOptions.For(CostBasisMethod.Fifo, Jurisdiction.Us), new TaxYear(2024, TaxYearRule.Calendar), Jurisdiction.Us);

        File.ReadAllLines(Path.Combine(folder, "derivatives.csv")).Should().Equal(
            "settled_at,account,asset,quantity,value,entry_id",
            "2024-03-01T12:00:00Z,main,USD,125.5,125.50,bitstamp:main:100",
            "2024-03-02T12:00:00Z,main,USD,-40,-40.00,bitstamp:main:101",
            ",*total*,,,85.50,");
        File.ReadAllLines(Path.Combine(folder, "income.csv")).Should().HaveCount(1);
    }

    [Fact]
    public void The_per_account_allocation_is_written_to_allocation_csv_in_the_year_of_its_date()
    {
        var ledger = new[]
        {
            Entry("main", "2023-01-10T12:00:00Z", EntryKind.Trade, L("BTC", 1m), L("USD", -10000m)),
            Entry("savings", "2023-06-10T12:00:00Z", EntryKind.Trade, L("BTC", 1m), L("USD", -50000m)),
            Entry("main", "2025-03-10T12:00:00Z", EntryKind.Trade, L("BTC", -1m), L("USD", 100000m)),
        };
        var options = CostBasisOptions.For(CostBasisMethod.Fifo, Jurisdiction.Us) with { AccountOrder = ["main", "savings"] };

        var folder = Write(ledger, options, new TaxYear(2025, TaxYearRule.Calendar), Jurisdiction.Us);

        File.ReadAllLines(Path.Combine(folder, "allocation-2025-01-01.csv")).Should().Equal(
            "date,asset,account,lot_id,acquired_at,quantity,cost",
            "2025-01-01,BTC,main,bitstamp:main:100/BTC,2023-01-10T12:00:00Z,1,10000.00",
            "2025-01-01,BTC,savings,bitstamp:savings:101/BTC,2023-06-10T12:00:00Z,1,50000.00");
        // The sale takes main's allocated lot (FIFO over main's pool): long term.
        File.ReadAllText(Path.Combine(folder, "disposals.csv")).Should().Contain(",bitstamp:main:100/BTC,fifo,long,");
    }

    [Fact]
    public void Manual_costs_read_an_optional_acquired_at_as_a_date_or_an_instant()
    {
        var csv = "account,external_id,asset,date,cost,acquired_at\nmain,7,,,9000,2020-02-01\nmain,8,,,10,2021-05-03T04:05:06Z\nmain,9,,,11,\n"u8.ToArray();

        var costs = ManualCostsFile.Parse(csv, "manual-costs.csv");

        costs.Select(c => c.AcquiredAt).Should().Equal(
            Instant.FromUtc(2020, 2, 1, 12, 0), Instant.FromUtc(2021, 5, 3, 4, 5, 6), null);
        var bad = () => ManualCostsFile.Parse("account,external_id,asset,date,cost,acquired_at\nmain,7,,,9000,1 Feb 2020\n"u8.ToArray(), "m.csv");
        bad.Should().Throw<ManualCostsException>().WithMessage("m.csv:2: column 'acquired_at': '1 Feb 2020'*");
    }
}

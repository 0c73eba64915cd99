using NodaTime;
using NodaTime.Text;
using PortfolioSync.Domain;
using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Pricing;
using PortfolioSync.Domain.Tax;
using PortfolioSync.Reports.Building;
using PortfolioSync.Reports.Dashboard;
using PortfolioSync.Reports.Tests.Builders;

namespace PortfolioSync.Reports.Tests.Building;

/// <summary>
/// One tax-year path: the dashboard's years come from <see cref="TaxYearReports"/>, so their files are byte for byte
/// those of <c>report</c> for the same ledger and options, asked for alone or together, including a 30-day match
/// across a year end and the dashboard's extra snapshot.
/// </summary>
public sealed class TaxYearPathTests : IDisposable
{
    private readonly TempFolder _dir = new();
    private long _id = 100;

    public void Dispose() => _dir.Dispose();

    private LedgerEntry Trade(string account, string at, string asset, decimal q, decimal gbp)
    {
        var id = _id++;
        return new LedgerEntry(LedgerEntry.BitstampId(account, id), account, InstantPattern.General.Parse(at).Value, EntryKind.Trade,
            [new Leg(Asset.Parse(asset), q), new Leg(Asset.Gbp, gbp)], new Money(1.5m, Asset.Gbp), id, 9000 + id,
            $"{account}/user_transactions/{id}");
    }

    private IReadOnlyList<LedgerEntry> Ledger() =>
    [
        Trade("main", "2023-05-01T12:00:00Z", "BTC", 2m, -40000m),
        Trade("main", "2024-04-03T12:00:00Z", "BTC", -1m, 50000m),   // 2023-24, matched with the buy of 20 April (30-day rule)
        Trade("bot", "2024-04-20T12:00:00Z", "BTC", 0.5m, -22000m),  // 2024-25
        Trade("bot", "2024-09-01T12:00:00Z", "BTC", -0.25m, 14000m),
        Trade("main", "2025-01-10T12:00:00Z", "ETH", 3m, -9000m),
    ];

    [Fact]
    public void The_dashboard_years_are_byte_identical_to_the_tax_year_function()
    {
        var ledger = Ledger();
        var options = CostBasisOptions.For(CostBasisMethod.Uk, Jurisdiction.Uk);
        var settings = new TaxReportSettings(Jurisdiction.Uk, "test ledger");
        var years = new[] { 2023, 2024 }.Select(y => new TaxYear(y, TaxYearRule.Uk)).ToList();

        var dashboard = DashboardBuilder.Build(ledger, PriceBook.Empty, options, settings,
            new LocalDate(2025, 1, 1), new LocalDate(2025, 2, 1), []);
        var together = TaxYearReports.Build(ledger, PriceBook.Empty, options, years, settings);

        dashboard.Years.Select(r => r.Label).Should().Equal("2023-24", "2024-25");
        for (var i = 0; i < years.Count; i++)
        {
            var alone = TaxYearReports.Build(ledger, PriceBook.Empty, options, [years[i]], settings).Single();
            var expected = Files(ReportWriter.Write(alone, _dir[$"alone-{i}"], ReportFormats.Csv));
            Files(ReportWriter.Write(together[i], _dir[$"together-{i}"], ReportFormats.Csv)).Should().Equal(expected);
            Files(ReportWriter.Write(dashboard.Years[i], _dir[$"dashboard-{i}"], ReportFormats.Csv)).Should().Equal(expected);
        }
        // The 30-day rule reached past the year end: the April 2024 sale is matched with the buy of 20 April.
        File.ReadAllText(Path.Combine(_dir["alone-0"], "2023-24", "disposals.csv")).Should().Contain("bed-and-breakfast");
    }

    private static List<(string Name, string Text)> Files(string folder) =>
        [.. Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllText(f)))];
}

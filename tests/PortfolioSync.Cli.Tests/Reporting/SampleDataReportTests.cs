using System.Globalization;
using ClosedXML.Excel;

namespace PortfolioSync.Cli.Tests.Reporting;

/// <summary>
/// The commands on a store holding all of <c>sample-data/</c>. Set <c>CLI_SAMPLE_DIR=/some/dir</c> to keep the
/// written reports there (to open the workbook or render it with LibreOffice).
/// </summary>
public sealed class SampleDataReportTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Report_2024_uk_and_value_on_the_sample_data_write_every_file_and_agree_on_holdings()
    {
        // Given the sample data in a store (4005 records, one of an unknown type)
        var (records, flagged) = SampleDataStore.WriteTo(_cli.PathIn(ReportFixture.StoreRelative));
        records.Should().Be(4005);
        flagged.Should().Be(1);
        var config = ReportFixture.Config(_cli);

        // When the UK report of 2024-25 and the value on the year's last day are written
        var report = await _cli.RunAsync("report", "--config", config, "--year", "2024", "--method", "uk");
        var value = await _cli.RunAsync("value", "--config", config, "--from", "2025-04-05", "--to", "2025-04-05");

        // Then every file is there
        report.ExitCode.Should().Be(0, report.All);
        value.ExitCode.Should().Be(0, value.All);
        Keep();
        Directory.GetFiles(_cli.PathIn("reports/2024-25")).Should().HaveCount(9);
        var disposals = ReportFixture.Lines(_cli, "reports/2024-25/disposals.csv");
        disposals.Length.Should().BeGreaterThan(100);
        disposals.Skip(1).Should().OnlyContain(l => l.StartsWith("2024-25,", StringComparison.Ordinal) && l.Split(',')[14] == "uk");
        ReportFixture.Read(_cli, "reports/2024-25/warnings.csv").Should().Contain("unknown-record");
        using (var wb = new XLWorkbook(_cli.PathIn("reports/2024-25/tax-report-2024-25.xlsx")))
            wb.Worksheets.Select(w => w.Name).Should().Equal("Summary", "Disposals", "Income", "Holdings", "Transactions", "Warnings", "SA108");

        // And the cost basis engine's year-end pool holds exactly what the value series holds on the exchange that day
        // (two independent computations: pools after matching, and balances from legs minus fees)
        var held = ReportFixture.Lines(_cli, "reports/value/value.csv").Skip(1)
            .Select(l => l.Split(','))
            .Where(f => f[1] != "*total*" && f[2] is not ("USD" or "EUR" or "GBP"))
            // The engine reads staking's converted assets as the asset they stand for (ETH2 and its ETH2R rewards as
            // ETH: docs/cost-basis.md §2); the value series keeps each asset as held.
            .GroupBy(f => f[2] is "ETH2" or "ETH2R" ? "ETH" : f[2])
            .ToDictionary(g => g.Key, g => g.Sum(f => decimal.Parse(f[3], CultureInfo.InvariantCulture)));
        var pools = ReportFixture.Lines(_cli, "reports/2024-25/holdings.csv").Skip(1)
            .Select(l => l.Split(','))
            .Where(f => f[0] == "universal")
            .ToDictionary(f => f[2], f => decimal.Parse(f[3], CultureInfo.InvariantCulture));
        pools.Should().ContainKey("BTC");
        pools.Should().BeEquivalentTo(held);
    }

    private void Keep()
    {
        if (Environment.GetEnvironmentVariable("CLI_SAMPLE_DIR") is not { Length: > 0 } keep) return;
        foreach (var file in Directory.GetFiles(_cli.PathIn("reports"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(keep, Path.GetRelativePath(_cli.PathIn("reports"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
        File.Copy(_cli.PathIn(ReportFixture.StoreRelative), Path.Combine(keep, "portfoliosync.db"), overwrite: true);
    }
}

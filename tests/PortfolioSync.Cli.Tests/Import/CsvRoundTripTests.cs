using PortfolioSync.Cli.Tests.Reporting;
using PortfolioSync.FakeBitstamp.Data;
using Xunit.Abstractions;

namespace PortfolioSync.Cli.Tests.Import;

/// <summary>
/// The acceptance of CSV import on whatever <c>sample-data/</c> holds: a store built only from Bitstamp's CSV exports of
/// the sample history gives the same reports as the store synced from the API records.
/// </summary>
public sealed class CsvRoundTripTests(ITestOutputHelper output) : IDisposable
{
    private readonly CliRun _api = new();
    private readonly CliRun _csv = new();

    public void Dispose()
    {
        _api.Dispose();
        _csv.Dispose();
    }

    [Fact]
    public async Task A_store_built_only_from_the_rfc4180_exports_gives_the_same_disposals_summary_and_value_as_the_api_store()
    {
        // Given the API store and a store built from the RFC 4180 exports of the same history (prices from the same candles)
        await BuildBoth(CsvExportWriter.Rfc4180Folder);

        // When both write the reports of every tax year the sample covers and the value series
        foreach (var year in new[] { "2023", "2024" })
        {
            var label = $"{year}-{(int.Parse(year, System.Globalization.CultureInfo.InvariantCulture) + 1) % 100:00}";
            await Report(_api, year);
            await Report(_csv, year);

            // Then the files agree byte for byte
            foreach (var file in new[] { "disposals.csv", "summary.csv" })
                ReportFixture.Read(_csv, $"reports/{label}/{file}").Should().Be(ReportFixture.Read(_api, $"reports/{label}/{file}"), $"{label}/{file}");
        }
        ReportFixture.Lines(_api, "reports/2024-25/disposals.csv").Length.Should().BeGreaterThan(100);
        await Value(_api);
        await Value(_csv);
        ReportFixture.Read(_csv, "reports/value/value.csv").Should().Be(ReportFixture.Read(_api, "reports/value/value.csv"));
    }

    private async Task BuildBoth(string folder)
    {
        SampleDataStore.WriteTo(_api.PathIn(ReportFixture.StoreRelative));
        ReportFixture.Config(_api);
        var data = ServerData.Load(SampleDataStore.Folder());
        var exports = _csv.PathIn("exports");
        CsvExportWriter.Write(data, exports);
        ReportFixture.Config(_csv, keyless: ["dca-bot", "grid-bot"]);
        foreach (var account in data.Accounts)
        {
            var import = await _csv.RunAsync("import", "bitstamp-csv", Path.Combine(exports, folder, account.Name + ".csv"),
                "--account", account.Name, "--config", _csv.PathIn("config.json"));
            output.WriteLine(import.All);
            import.ExitCode.Should().Be(0, import.All);
        }
        SampleDataStore.WritePricesTo(_csv.PathIn(ReportFixture.StoreRelative));
    }

    private static async Task Report(CliRun cli, string year)
    {
        var r = await cli.RunAsync("report", "--config", cli.PathIn("config.json"), "--year", year, "--method", "uk", "--format", "csv");
        r.ExitCode.Should().BeOneOf([0, 6], r.All);
    }

    private static async Task Value(CliRun cli)
    {
        var r = await cli.RunAsync("value", "--config", cli.PathIn("config.json"), "--from", "2023-03-01", "--to", "2025-02-28");
        r.ExitCode.Should().BeOneOf([0, 6], r.All);
    }
}

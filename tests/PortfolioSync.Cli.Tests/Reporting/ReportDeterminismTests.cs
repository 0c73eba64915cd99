using System.Globalization;

namespace PortfolioSync.Cli.Tests.Reporting;

/// <summary>Changes process-wide settings (culture, TZ), so it runs alone.</summary>
[CollectionDefinition(nameof(ProcessSettings), DisableParallelization = true)]
public sealed class ProcessSettings;

[Collection(nameof(ProcessSettings))]
public sealed class ReportDeterminismTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private async Task<Dictionary<string, byte[]>> RunAsync(string outDir, CultureInfo culture)
    {
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            var result = await _cli.RunAsync("report", "--config", _cli.PathIn("config.json"), "--year", "2024", "--out", outDir);
            result.ExitCode.Should().Be(0, result.All);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }
        var folder = _cli.PathIn(Path.Combine(outDir, "2024-25"));
        return Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
    }

    [Fact]
    public async Task Every_file_is_byte_identical_across_runs_and_under_de_DE_and_tr_TR()
    {
        // Given one store
        ReportFixture.Config(_cli);
        ReportFixture.HandWorked().WriteTo(_cli.PathIn(ReportFixture.StoreRelative));

        // When the report is written twice under the invariant culture, then under de-DE and tr-TR
        var first = await RunAsync("a", CultureInfo.InvariantCulture);
        var second = await RunAsync("b", CultureInfo.InvariantCulture);
        var german = await RunAsync("c", CultureInfo.GetCultureInfo("de-DE"));
        var turkish = await RunAsync("d", CultureInfo.GetCultureInfo("tr-TR"));

        // Then every file (the CSVs, the notes and the workbook) is the same, byte for byte
        first.Keys.Should().Contain("disposals.csv").And.Contain("summary.csv").And.Contain("notes.txt").And.Contain("tax-report-2024-25.xlsx");
        foreach (var other in new[] { second, german, turkish })
        {
            other.Keys.Order(StringComparer.Ordinal).Should().Equal(first.Keys.Order(StringComparer.Ordinal));
            foreach (var (name, bytes) in first) other[name].Should().Equal(bytes, name);
        }
        first["summary.csv"].Should().NotContain((byte)'\r');
    }

    [Fact]
    public async Task The_files_do_not_depend_on_the_machines_time_zone()
    {
        ReportFixture.Config(_cli);
        ReportFixture.HandWorked().WriteTo(_cli.PathIn(ReportFixture.StoreRelative));
        var expected = await RunAsync("a", CultureInfo.InvariantCulture);
        var saved = Environment.GetEnvironmentVariable("TZ");
        try
        {
            Environment.SetEnvironmentVariable("TZ", "Asia/Kolkata");
            TimeZoneInfo.ClearCachedData();
            TimeZoneInfo.Local.Id.Should().Be("Asia/Kolkata");

            var actual = await RunAsync("b", CultureInfo.InvariantCulture);

            foreach (var (name, bytes) in expected) actual[name].Should().Equal(bytes, $"{name} with TZ=Asia/Kolkata");
        }
        finally
        {
            Environment.SetEnvironmentVariable("TZ", saved);
            TimeZoneInfo.ClearCachedData();
        }
    }
}

using System.Globalization;
using PortfolioSync.Reports.Tests.Builders;

namespace PortfolioSync.Reports.Tests;

/// <summary>Changes process-wide settings (culture, TZ), so it runs alone.</summary>
[CollectionDefinition(nameof(MachineSettings), DisableParallelization = true)]
public sealed class MachineSettings;

[Collection(nameof(MachineSettings))]
public sealed class CultureIndependenceTests
{
    public static TheoryData<string> Cultures => new("de-DE", "tr-TR", "fr-CH", "ar-SA", "hi-IN");

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Every_file_is_byte_identical_whatever_the_current_culture(string culture)
    {
        // Given the files written under the invariant culture
        var expected = WriteAll(CultureInfo.InvariantCulture);

        // When they are written again under another culture
        var actual = WriteAll(CultureInfo.GetCultureInfo(culture));

        // Then every byte is the same, the workbook included
        actual.Keys.Should().Equal(expected.Keys);
        foreach (var (name, bytes) in expected) actual[name].Should().Equal(bytes, $"{name} under {culture}");
    }

    [Fact]
    public void Every_file_is_byte_identical_whatever_the_local_time_zone()
    {
        // Given the files written with the machine's zone
        var expected = WriteAll(CultureInfo.InvariantCulture);
        var saved = Environment.GetEnvironmentVariable("TZ");
        try
        {
            // When the process's local zone is moved to UTC+12:45 (in .NET the TZ variable is read when the cache is cleared)
            Environment.SetEnvironmentVariable("TZ", "Pacific/Chatham");
            TimeZoneInfo.ClearCachedData();
            TimeZoneInfo.Local.Id.Should().Be("Pacific/Chatham");
            var actual = WriteAll(CultureInfo.InvariantCulture);

            // Then nothing changes
            foreach (var (name, bytes) in expected) actual[name].Should().Equal(bytes, $"{name} with TZ=Pacific/Chatham");
        }
        finally
        {
            Environment.SetEnvironmentVariable("TZ", saved);
            TimeZoneInfo.ClearCachedData();
        }
    }

    [Fact]
    public void Rows_handed_over_in_another_order_give_the_same_files()
    {
        using var a = new TempFolder();
        using var b = new TempFolder();
        var folderA = ReportWriter.Write(Samples.Uk().Build(), a.Path, ReportFormats.Csv | ReportFormats.Xlsx);
        var folderB = ReportWriter.Write(Samples.Uk().BuildReversed(), b.Path, ReportFormats.Csv | ReportFormats.Xlsx);
        foreach (var file in Directory.GetFiles(folderA))
            File.ReadAllBytes(Path.Combine(folderB, Path.GetFileName(file))).Should().Equal(File.ReadAllBytes(file), Path.GetFileName(file));
    }

    /// <summary>Writes the UK and US samples (CSV and XLSX) and the value files under <paramref name="culture"/>.</summary>
    private static SortedDictionary<string, byte[]> WriteAll(CultureInfo culture)
    {
        var (savedCulture, savedUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            using var temp = new TempFolder();
            var value = new ValueReportBuilder().Series("main", "BTC", "2024-01-01", 40, 0.1m, 0.001m, 40000.5m, 0.001m, 0.05m)
                .AtEnd("4000.5", "1234.5678").Build();
            ReportWriter.Write(Samples.Uk().Value(value).Build(), temp["uk"], ReportFormats.Csv | ReportFormats.Xlsx);
            ReportWriter.Write(Samples.Us().Build(), temp["us"], ReportFormats.Csv | ReportFormats.Xlsx);
            ValueReportWriter.Write(value, temp["value"], ReportFormats.Csv | ReportFormats.Xlsx);
            var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var file in Directory.GetFiles(temp.Path, "*", SearchOption.AllDirectories))
                files[Path.GetRelativePath(temp.Path, file)] = File.ReadAllBytes(file);
            return files;
        }
        finally
        {
            CultureInfo.CurrentCulture = savedCulture;
            CultureInfo.CurrentUICulture = savedUi;
        }
    }
}

using PortfolioSync.Reports.Tests.Builders;

namespace PortfolioSync.Reports.Tests;

public sealed class CsvGoldenTests
{
    public static TheoryData<string> Cases => new(Samples.Names);

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_csv_files_match_the_golden_files_byte_for_byte(string name)
    {
        // Given
        var report = Samples.ByName(name);
        using var temp = new TempFolder();

        // When
        var folder = ReportWriter.Write(report, temp.Path, ReportFormats.Csv);

        // Then
        var golden = Golden.Folder(name);
        var written = Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        if (Golden.Updating)
        {
            if (Directory.Exists(golden)) Directory.Delete(golden, recursive: true);
            Directory.CreateDirectory(golden);
            foreach (var file in written) File.Copy(Path.Combine(folder, file!), Path.Combine(golden, file!));
        }
        var expected = Directory.GetFiles(golden).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        written.Should().Equal(expected);
        foreach (var file in written)
            File.ReadAllBytes(Path.Combine(folder, file!)).Should().Equal(File.ReadAllBytes(Path.Combine(golden, file!)),
                $"{file} must match Golden/{name}/{file} (run with UPDATE_GOLDEN=1 and review the diff if the change is intended)");
    }

    [Fact]
    public void The_value_csv_matches_its_golden_file()
    {
        // Given
        var value = new ValueReportBuilder()
            .Row("2024-12-30", "main", "BTC", "0.5", "75000.125")
            .Row("2024-12-30", "main", "ETH", "2", "2500.333")
            .Row("2024-12-30", "dca-bot", "BTC", "0.01234567", "75000.125")
            .Row("2024-12-30", "main", "XYZ", "10", null)
            .Row("2024-12-31", "main", "BTC", "0.5", "76000")
            .Row("2024-12-31", "main", "ETH", "2", "2400.005")
            .AtEnd("30000", "12345.678")
            .Build();
        using var temp = new TempFolder();

        // When
        ValueReportWriter.Write(value, temp.Path, ReportFormats.Csv);

        // Then
        var golden = Path.Combine(Golden.Folder("value"), "value.csv");
        if (Golden.Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(golden)!);
            File.Copy(temp["value.csv"], golden, overwrite: true);
        }
        File.ReadAllBytes(temp["value.csv"]).Should().Equal(File.ReadAllBytes(golden));
    }
}

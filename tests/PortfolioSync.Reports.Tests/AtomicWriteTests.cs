using PortfolioSync.Reports.Tests.Builders;

namespace PortfolioSync.Reports.Tests;

public sealed class AtomicWriteTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_report_goes_into_a_folder_named_after_the_tax_year_label()
    {
        var folder = ReportWriter.Write(Samples.Uk().Build(), _temp.Path, ReportFormats.Csv | ReportFormats.Xlsx);

        folder.Should().Be(_temp["2024-25"]);
        Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).Should().Equal(
            "disposals.csv", "holdings.csv", "income.csv", "notes.txt", "sa108-summary.csv", "summary.csv",
            "tax-report-2024-25.xlsx", "transactions.csv", "warnings.csv");
        Directory.GetFileSystemEntries(_temp.Path).Should().Equal([_temp["2024-25"]], "no temporary folder is left behind");
    }

    [Fact]
    public void A_failure_half_way_leaves_no_report_folder_and_no_temporary_files()
    {
        // Given a writer that fails after its third file
        var written = 0;

        // When
        var act = () => ReportWriter.Write(Samples.Uk().Build(), _temp.Path, ReportFormats.Csv | ReportFormats.Xlsx,
            _ => { if (++written == 3) throw new IOException("disk full"); });

        // Then
        act.Should().Throw<IOException>().WithMessage("disk full");
        Directory.GetFileSystemEntries(_temp.Path).Should().BeEmpty();
    }

    [Fact]
    public void A_failure_keeps_the_previous_report_as_it_was()
    {
        // Given an earlier report with a file of its own
        var folder = ReportWriter.Write(Samples.Uk().Build(), _temp.Path, ReportFormats.Csv);
        File.WriteAllText(Path.Combine(folder, "accountant-notes.txt"), "keep me");
        var before = File.ReadAllBytes(Path.Combine(folder, "disposals.csv"));

        // When a new report fails while being written
        var act = () => ReportWriter.Write(new TaxReportBuilder().Disposal("d", "ETH", "2024-12-01", "1", "2", "1").Build(), _temp.Path,
            ReportFormats.Csv, path => { if (path.EndsWith("income.csv", StringComparison.Ordinal)) throw new IOException("boom"); });

        // Then the earlier folder is untouched and nothing else is there
        act.Should().Throw<IOException>();
        File.ReadAllText(Path.Combine(folder, "accountant-notes.txt")).Should().Be("keep me");
        File.ReadAllBytes(Path.Combine(folder, "disposals.csv")).Should().Equal(before);
        Directory.GetFileSystemEntries(_temp.Path).Should().Equal([folder]);
    }

    [Fact]
    public void A_successful_write_replaces_the_previous_report_whole()
    {
        var folder = ReportWriter.Write(Samples.Uk().Build(), _temp.Path, ReportFormats.Csv | ReportFormats.Xlsx);
        File.WriteAllText(Path.Combine(folder, "stale.txt"), "from an earlier run");

        ReportWriter.Write(Samples.Uk().Build(), _temp.Path, ReportFormats.Csv);

        Directory.GetFiles(folder).Select(Path.GetFileName).Should().NotContain(["stale.txt", "tax-report-2024-25.xlsx"]);
        Directory.GetFileSystemEntries(_temp.Path).Should().Equal([folder]);
    }

    [Fact]
    public void The_value_files_are_moved_into_a_shared_folder_without_touching_its_other_files()
    {
        // Given a demo folder holding a store and a tax report
        File.WriteAllText(_temp["portfoliosync.db"], "store");
        var value = new ValueReportBuilder().Row("2024-01-01", "main", "BTC", "1", "40000").Build();

        // When
        var written = ValueReportWriter.Write(value, _temp.Path, ReportFormats.All);

        // Then
        written.Select(Path.GetFileName).Should().Equal("value.csv", "value.png", "value.xlsx");
        Directory.GetFileSystemEntries(_temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal).Should()
            .Equal("portfoliosync.db", "value.csv", "value.png", "value.xlsx");
        File.ReadAllText(_temp["portfoliosync.db"]).Should().Be("store");
    }

    [Fact]
    public void ReportWriter_lists_the_files_it_writes()
    {
        var report = Samples.Uk().Value(new ValueReportBuilder().Row("2024-05-01", "main", "BTC", "1", "1").Build()).Build();
        ReportWriter.FileNames(report, ReportFormats.All).Should().Equal(
            "summary.csv", "disposals.csv", "income.csv", "holdings.csv", "transactions.csv", "warnings.csv", "sa108-summary.csv",
            "value.csv", "notes.txt", "tax-report-2024-25.xlsx", "value.png");
        var folder = ReportWriter.Write(report, _temp.Path, ReportFormats.All);
        Directory.GetFiles(folder).Select(Path.GetFileName).Should().BeEquivalentTo(ReportWriter.FileNames(report, ReportFormats.All));
    }
}

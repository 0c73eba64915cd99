using ClosedXML.Excel;

namespace PortfolioSync.Cli.Tests.Reporting;

/// <summary>
/// <c>report --year 2024</c> under each EU jurisdiction on a store holding all of <c>sample-data/</c>: the country's
/// files, a workbook sheet per country file, notes naming the form each file serves; refusals exit 2 naming the rule.
/// </summary>
public sealed class EuJurisdictionReportTests(EuJurisdictionReportTests.SampleStore sample) : IDisposable, IClassFixture<EuJurisdictionReportTests.SampleStore>
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>The sample data loaded into a store once for the class; each test works on its own copy.</summary>
    public sealed class SampleStore : IDisposable
    {
        private readonly CliRun _home = new();

        public SampleStore()
        {
            Path = _home.PathIn("sample.db");
            SampleDataStore.WriteTo(Path);
        }

        public string Path { get; }

        public void Dispose() => _home.Dispose();
    }

    private void CopySampleStore()
    {
        var target = _cli.PathIn(ReportFixture.StoreRelative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
        File.Copy(sample.Path, target);
    }

    [Theory]
    [InlineData("de", new[] { "anlage-so.csv", "anlage-so-summary.csv" }, new[] { "Anlage SO", "Anlage SO summary" }, "Anlage SO")]
    [InlineData("nl", new[] { "box3.csv", "box3-summary.csv" }, new[] { "Box 3", "Box 3 summary" }, "Box 3")]
    [InlineData("es", new[] { "modelo-100.csv", "modelo-721.csv" }, new[] { "Modelo 100", "Modelo 721" }, "Modelo 721")]
    [InlineData("fr", new[] { "form-2086.csv", "form-2086-summary.csv", "form-3916-bis.csv" }, new[] { "Form 2086", "Form 2086 summary", "Form 3916-bis" }, "3916-bis")]
    public async Task Report_2024_on_the_sample_data_writes_the_countrys_files_sheets_and_notes(
        string jurisdiction, string[] files, string[] sheets, string form)
    {
        // Given the sample data in a store and a config naming only the jurisdiction (its defaults do the rest)
        CopySampleStore();
        var config = ReportFixture.Config(_cli, jurisdiction: jurisdiction);

        // When the 2024 report is written
        var result = await _cli.RunAsync("report", "--config", config, "--year", "2024");

        // Then (complete or with unknown prices flagged, never a failure) the country files are in the year's folder
        result.ExitCode.Should().BeOneOf([0, 6], result.All);
        result.Out.Should().Contain("(Europe/").And.Contain("EUR");
        foreach (var file in files)
            ReportFixture.Lines(_cli, $"reports/2024/{file}").Length.Should().BeGreaterThan(1, $"{file} has rows");
        using (var wb = new XLWorkbook(_cli.PathIn("reports/2024/tax-report-2024.xlsx")))
            wb.Worksheets.Select(w => w.Name).Should().ContainInOrder(["Summary", .. sheets]);
        var notes = ReportFixture.Read(_cli, "reports/2024/notes.txt");
        notes.Should().Contain("Country files (which form each serves)").And.Contain(form);
        foreach (var file in files) notes.Should().Contain(file + ":");
        Keep(jurisdiction);
    }

    /// <summary>With <c>CLI_SAMPLE_DIR</c> set, keeps the year's folder as <c>$CLI_SAMPLE_DIR/eu-{jurisdiction}/</c> to read by hand.</summary>
    private void Keep(string jurisdiction)
    {
        if (Environment.GetEnvironmentVariable("CLI_SAMPLE_DIR") is not { Length: > 0 } keep) return;
        var target = System.IO.Path.Combine(keep, "eu-" + jurisdiction);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(_cli.PathIn("reports/2024")))
            File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetFileName(file)), overwrite: true);
    }

    [Fact]
    public async Task German_rows_say_taxable_or_exempt_and_the_summary_names_the_1000_euro_Freigrenze()
    {
        CopySampleStore();
        var config = ReportFixture.Config(_cli, jurisdiction: "de");

        await _cli.RunAsync("report", "--config", config, "--year", "2024", "--format", "csv");

        var rows = ReportFixture.Lines(_cli, "reports/2024/anlage-so.csv");
        rows[0].Should().Be("tax_year,disposal_id,account,asset,kind,quantity,acquired,disposed,proceeds,costs,gain,status,lot_id");
        rows.Length.Should().BeGreaterThan(100);
        // Each row's status follows its own dates: exempt exactly when disposed after the same date a year later.
        foreach (var f in rows.Skip(1).Select(r => r.Split(',')))
        {
            var disposed = NodaTime.Text.LocalDatePattern.Iso.Parse(f[7]).Value;
            var exempt = f[6].Length > 0 && disposed > NodaTime.Text.LocalDatePattern.Iso.Parse(f[6]).Value.PlusYears(1);
            f[11].Should().Be(exempt ? "exempt" : "taxable", string.Join(',', f));
        }
        var summary = ReportFixture.Lines(_cli, "reports/2024/anlage-so-summary.csv");
        summary[1].Split(',')[7].Should().Be("1000.00");
        summary[1].Split(',')[10].Should().Be("256.00");
    }

    [Fact]
    public async Task Spain_refuses_per_account_pools_with_exit_2_naming_the_rule_and_writes_nothing()
    {
        CopySampleStore();
        var config = ReportFixture.Config(_cli, jurisdiction: "es");
        var configured = _cli.Write("per-account.json", File.ReadAllText(config).Replace("\"jurisdiction\": \"es\",", "\"jurisdiction\": \"es\", \"poolScope\": \"per-account\","));

        var byOption = await _cli.RunAsync("report", "--config", config, "--year", "2024", "--scope", "per-account");
        var byConfig = await _cli.RunAsync("report", "--config", configured, "--year", "2024");

        byOption.ExitCode.Should().Be(2);
        byOption.Error.Should().Contain("DGT V1550-25");
        byConfig.ExitCode.Should().Be(2);
        byConfig.Error.Should().Contain("poolScope").And.Contain("DGT V1550-25");
        Directory.Exists(_cli.PathIn("reports/2024")).Should().BeFalse();
    }

    [Fact]
    public async Task Status_shows_the_jurisdictions_defaults_in_force()
    {
        var config = ReportFixture.Config(_cli, jurisdiction: "fr");

        var result = await _cli.RunAsync("status", "--config", config);

        result.Out.Should().Contain("rules    fr, method fr-portfolio, universal pools, base EUR, tax year calendar, zone Europe/Paris");
        result.Out.Should().Contain("country  fr: base EUR, zone Europe/Paris, tax year calendar, method fr-portfolio, scope universal");
    }

    [Fact]
    public async Task Init_documents_the_eu_jurisdictions_without_asking_anything_new()
    {
        var result = await _cli.RunAsync("init", "--config", _cli.PathIn("new.json"));

        result.ExitCode.Should().Be(0, result.All);
        var text = File.ReadAllText(_cli.PathIn("new.json"));
        text.Should().Contain("de  Germany").And.Contain("nl  Netherlands").And.Contain("es  Spain").And.Contain("fr  France")
            .And.Contain("fr-portfolio");
    }
}

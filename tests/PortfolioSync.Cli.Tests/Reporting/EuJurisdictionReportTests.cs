using ClosedXML.Excel;

namespace PortfolioSync.Cli.Tests.Reporting;

/// <summary>
/// <c>report --year 2024</c> under each EU jurisdiction on a store holding all of <c>sample-data/</c>: the country's
/// files, a workbook sheet per country file, notes naming the form each file serves, the country's own figures in the
/// printed summary (and the US form's split by term); refusals exit 2 naming the rule.
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
        // and the summary printed names the country's own headline figure, as its summary file gives it
        result.Out.Should().Contain(CountryLine(jurisdiction), "the line above it is the engine's net by lot, not what the form asks");
        Keep(jurisdiction);
    }

    [Fact]
    public async Task The_us_summary_splits_form_8949_into_short_and_long_term_as_its_rows_do()
    {
        CopySampleStore();
        var config = ReportFixture.Config(_cli, jurisdiction: "us");

        var result = await _cli.RunAsync("report", "--config", config, "--year", "2024", "--format", "csv");

        result.ExitCode.Should().BeOneOf([0, 6], result.All);
        var rows = ReportFixture.Lines(_cli, "reports/2024/form-8949.csv").Skip(1).Select(l => l.Split(',')).ToList();
        var line = result.Out.Split('\n').Single(l => l.StartsWith("Form 8949: ", StringComparison.Ordinal));
        var match = System.Text.RegularExpressions.Regex.Match(line,
            @"^Form 8949: short term (\d+) rows, net (-?\d+\.\d\d), long term (\d+) rows, net (-?\d+\.\d\d) USD: see form-8949\.csv$");
        match.Success.Should().BeTrue(line);
        int.Parse(match.Groups[1].Value).Should().Be(rows.Count(r => r[^1] == "short")).And.BeGreaterThan(0);
        int.Parse(match.Groups[3].Value).Should().Be(rows.Count(r => r[^1] == "long")).And.BeGreaterThan(0);
        // each net is the rounded sum of its rows' unrounded gains: within half a cent per row of the rounded rows' sum
        foreach (var (term, group) in new[] { ("short", 2), ("long", 4) })
        {
            var rounded = rows.Where(r => r[^1] == term).Sum(r => decimal.Parse(r[^2], System.Globalization.CultureInfo.InvariantCulture));
            var shown = decimal.Parse(match.Groups[group].Value, System.Globalization.CultureInfo.InvariantCulture);
            Math.Abs(shown - rounded).Should().BeLessThanOrEqualTo(0.005m * rows.Count(r => r[^1] == term), term);
        }
    }

    /// <summary>The start of the country's summary line, with its first figure read from the country's file.</summary>
    private string CountryLine(string jurisdiction)
    {
        string Cell(string file, string column, int row = 1)
        {
            var lines = ReportFixture.Lines(_cli, $"reports/2024/{file}");
            return lines[row].Split(',')[Array.IndexOf(lines[0].Split(','), column)];
        }
        return jurisdiction switch
        {
            "de" => $"Anlage SO: taxable net {Cell("anlage-so-summary.csv", "taxable_net")} EUR ({Cell("anlage-so-summary.csv", "taxable_rows")} of {Cell("anlage-so-summary.csv", "rows")} lots held one year or less; exempt net {Cell("anlage-so-summary.csv", "exempt_net")}), after the 1000.00 Freigrenze {Cell("anlage-so-summary.csv", "taxable_after_freigrenze")}",
            "nl" => $"Box 3: exchange holdings on 1 January {Cell("box3-summary.csv", "value_1_january")} EUR, on 1 January next {Cell("box3-summary.csv", "value_1_january_next")}, actual return {Cell("box3-summary.csv", "actual_return")}, deemed return {Cell("box3-summary.csv", "deemed_return")}",
            // Modelo 100's gain is proceeds net of fees less cost with fees, FIFO over all accounts: the summary's total net
            "es" => $"Modelo 100: gains and losses {ReportFixture.Lines(_cli, "reports/2024/summary.csv")[^1].Split(',')[8]} EUR over {Cell("summary.csv", "disposals", ReportFixture.Lines(_cli, "reports/2024/summary.csv").Length - 1)} transmissions",
            "fr" => $"Form 2086: net {Cell("form-2086-summary.csv", "net")} EUR over {Cell("form-2086-summary.csv", "disposals")} disposals, total prices {Cell("form-2086-summary.csv", "total_prices")} (over 305), taxable {Cell("form-2086-summary.csv", "taxable")}",
            _ => throw new ArgumentOutOfRangeException(nameof(jurisdiction)),
        };
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

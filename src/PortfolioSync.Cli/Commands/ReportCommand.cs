using System.CommandLine;
using System.Globalization;
using NodaTime.Text;
using PortfolioSync.Cli.Config;
using PortfolioSync.Cli.Hosting;
using PortfolioSync.Cli.Reading;
using PortfolioSync.Domain;
using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Tax;
using PortfolioSync.Reports;
using PortfolioSync.Reports.Building;
using PortfolioSync.Reports.Model;

namespace PortfolioSync.Cli.Commands;

/// <summary>
/// <c>report --year Y [--method M] [--scope S] [--format csv,xlsx] [--out DIR]</c>: the tax reports of the tax year
/// that starts in calendar year Y (UK 2024 = 2024-25), written all at once into <c>DIR/&lt;label&gt;/</c>.
/// Reads the store (never writes it), runs the cost basis engine once over the whole ledger (the UK 30-day rule looks
/// past the year end) with a holdings snapshot at the year's last instant, and prints the folder and the year's totals.
/// Options and manual costs are checked before the store is read; nothing is written when anything is wrong.
/// </summary>
public sealed class ReportCommand : CliCommand<ReportSettings>
{
    /// <summary>The formats <c>report</c> writes (png belongs to <c>value</c>).</summary>
    public static readonly string[] Formats = ["csv", "xlsx"];

    private readonly Option<int> _year = new("--year")
    {
        Description = "Tax year starting in calendar year Y (UK: 2024 = 6 April 2024 to 5 April 2025)",
        HelpName = "Y",
        Required = true,
    };
    private readonly Option<string?> _method = new("--method") { Description = $"{string.Join(", ", CostBasisMethodText.Names)} (default: the config's method)", HelpName = "M" };
    private readonly Option<string?> _scope = new("--scope") { Description = $"Pool scope: {PoolScopeText.Accepted} (default: the config's poolScope)", HelpName = "S" };
    private readonly Option<string> _format = new("--format") { Description = "Comma-separated: csv, xlsx", HelpName = "csv,xlsx", DefaultValueFactory = _ => "csv,xlsx" };
    private readonly Option<string> _out = new("--out") { Description = "Output folder; the year's folder is written inside it", HelpName = "DIR", DefaultValueFactory = _ => "reports" };

    public ReportCommand()
    {
        Definition = new Command("report", "Write tax reports (CSV, XLSX) for a tax year");
        foreach (var o in new Option[] { _year, _method, _scope, _format, _out }) Definition.Options.Add(o);
    }

    public override Command Definition { get; }

    public override Bound<ReportSettings> Bind(ParseResult parse, CliEnvironment env)
    {
        var b = new OptionBinder(parse);
        var startYear = b.Value(_year);
        if (startYear is < 1900 or > 9998)
            b.Problem($"--year: {startYear.ToString(CultureInfo.InvariantCulture)} is not a tax year: give the calendar year the tax year starts in, e.g. 2024");
        var method = b.Value(_method) is { } m ? b.Parse("--method", m, CostBasisMethodText.Parse) : (CostBasisMethod?)null;
        var scope = b.Value(_scope) is { } s ? b.Check(() => CostBasisRulesGate.Scope(s, "--scope")) : ((PoolScope, NodaTime.LocalDate?)?)null;
        var formats = b.Check(() => ParseFormats(b.Value(_format)!));
        var outDir = env.ExpandPath(b.Value(_out)!);
        if (OutputFolder.FileProblem("--out", outDir) is { } notAFolder) b.Problem(notAFolder);
        return b.Result(() => new ReportSettings(startYear, method, scope?.Item1, scope?.Item2, formats, outDir));
    }

    public override Task<ExitCode> RunAsync(ReportSettings settings, CommandContext context, CancellationToken ct)
    {
        var env = context.Env;
        var (startYear, explicitMethod, explicitScope, explicitScopeFrom, formats, outDir) = settings;

        var config = context.LoadConfig();
        var manual = ManualCostsInput.Read(config);
        var year = new TaxYear(startYear, config.TaxYear);
        ct.ThrowIfCancellationRequested();

        var phases = new PhaseLog(context);
        CostBasisRulesGate.Check(config, explicitMethod ?? config.Method, explicitScope ?? config.PoolScope,
            explicitScope is not null ? explicitScopeFrom : config.PoolScopeFrom, env.Error);
        var input = StoreInput.Load(config.StorePath, config.BaseCurrency, config.Fiat, env, config.MaxPriceAgeDays);
        phases.Done("read the store");
        ct.ThrowIfCancellationRequested();
        var options = CostBasisOptionsFactory.Create(config, manual, explicitMethod, explicitScope, scopeFrom: explicitScopeFrom);
        var extra = CostBasisRulesGate.YearWarning(config, options.Scope, year) is { } w ? [.. input.Warnings, w] : input.Warnings;
        var report = TaxYearReports.Build(input.Ledger, input.Prices, options, [year],
            new TaxReportSettings(config.Jurisdiction, input.Description), extra)[0];
        phases.Done("cost basis and report");
        ct.ThrowIfCancellationRequested();
        var folder = OutputFolder.Write(outDir, () => ReportWriter.Write(report, outDir, formats));
        phases.Done("wrote the files");

        PrintSummary(env.Out, report, folder, formats, explicitMethod ?? config.Method);
        if (report.IncompleteDisposals == 0) return Task.FromResult(ExitCode.Ok);
        env.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"error: the report is incomplete: {report.IncompleteDisposals} disposal(s) in {report.Label} lack proceeds, cost or fees (no {config.BaseCurrency} price, or more sold than held); ")
            + "their fields and the totals that include them are empty (see the note column of disposals.csv and warnings.csv). "
            + "Sync the missing prices, give costs in manual-costs.csv, or check baseCurrency and fiat in the config.");
        return Task.FromResult(ExitCode.Incomplete);
    }

    private static ReportFormats ParseFormats(string text)
    {
        var formats = OptionText.Parse("--format", text, ReportFormatsText.Parse);
        if (formats.HasFlag(ReportFormats.Png))
            throw new CliException($"--format: 'png' is not a tax report format: use a comma-separated list of {string.Join(", ", Formats)} (the chart comes with `portfoliosync value`).");
        return formats;
    }

    /// <summary>The method as chosen; for fr-portfolio, which lots the common files (and the line below) use.</summary>
    private static string MethodText(CostBasisMethod engine, CostBasisMethod chosen) => chosen == engine
        ? engine.ToText()
        : $"{chosen.ToText()} (taxable figures in the country files; disposals.csv and the line below use {engine.ToText()} lots, informational)";

    private static void PrintSummary(TextWriter output, TaxReport report, string folder, ReportFormats formats, CostBasisMethod chosen)
    {
        var c = report.Context;
        var t = report.Total;
        var currency = c.BaseCurrency.Code;
        output.WriteLine($"wrote {folder}{Path.DirectorySeparatorChar} ({formats.ToText()})");
        output.WriteLine($"tax year {c.Label}: {Iso(c.TaxYear.Start)} to {Iso(c.TaxYear.End)} ({c.ZoneId}), method {MethodText(c.Method, chosen)}, {c.Scope.ToText()} pools, {currency}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"disposals {t.Disposals}  proceeds {Money(t.ShownProceeds)}  costs {Money(t.ShownCosts)}  fees {Money(t.ShownFees)}  gains {Money(t.ShownGains)}  losses {Money(t.ShownLosses)}  net {Money(t.ShownNet)} {currency}{(t.Incomplete > 0 ? $"  ({t.Incomplete} incomplete)" : "")}"));
        if (report.Income.Count > 0)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"income {report.Income.Count} receipts, {Money(report.Income.Sum(i => i.Value ?? 0m))} {currency}{(report.Income.Any(i => i.Value is null) ? " (some without a price: see warnings)" : "")}"));
        if (CountryLine(report) is { } country) output.WriteLine(country);
        var errors = report.Warnings.Count(w => w.Severity == Domain.Warnings.Severity.Error);
        var notices = report.Warnings.Count(w => w.Severity == Domain.Warnings.Severity.Info);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"warnings {report.Warnings.Count - notices} ({errors} errors), notices {notices}: see warnings.csv"));
        if (report.IsEmpty)
            output.WriteLine($"note: no data in tax year {c.Label} (no disposals, income or transactions): the files hold headers only.");
    }

    /// <summary>
    /// The country's own figures, as its summary file gives them (the line above is the engine's, by lot): for de, nl, es
    /// and fr the taxable amount is not the net gain, and for us the form splits short and long term. Null for uk (its
    /// SA108 figures are the line above).
    /// </summary>
    internal static string? CountryLine(TaxReport report)
    {
        var cur = report.Context.BaseCurrency.Code;
        var country = report.Country;
        if (country?.German is { } de)
            return string.Create(CultureInfo.InvariantCulture,
                $"Anlage SO: taxable net {Money(de.TaxableNet)} {cur} ({de.TaxableRows} of {de.Rows} lots held one year or less; exempt net {Money(de.ExemptNet)}), "
                + $"after the {Money(de.Freigrenze)} Freigrenze {Money(de.TaxableAfterFreigrenze)}; §22 Nr. 3 income {Money(de.OtherIncome)}, after the {Money(de.OtherIncomeFreigrenze)} Freigrenze {Money(de.OtherIncomeTaxable)}: see anlage-so-summary.csv");
        if (country?.Box3 is { } nl)
            return string.Create(CultureInfo.InvariantCulture,
                $"Box 3: exchange holdings on 1 January {Money(nl.ValueAtStart)} {cur}, on 1 January next {Money(nl.ValueAtEnd)}, actual return {Money(nl.ActualReturn)}, deemed return {Money(nl.DeemedReturn)}: see box3-summary.csv");
        if (country?.Modelo100 is { } es)
        {
            var gains = es.Where(r => r.Kind == Reports.Country.Modelo100Row.GainKind).ToList();
            var incomes = es.Where(r => r.Kind == Reports.Country.Modelo100Row.IncomeKind).ToList();
            return string.Create(CultureInfo.InvariantCulture,
                $"Modelo 100: gains and losses {Money(SumOrUnknown(gains, r => r.GainOrLoss))} {cur} over {gains.Sum(r => r.Count)} transmissions, income {Money(SumOrUnknown(incomes, r => r.IncomeValue))}: see modelo-100.csv");
        }
        if (country?.French is { } fr)
            return string.Create(CultureInfo.InvariantCulture,
                $"Form 2086: net {Money(fr.Net)} {cur} over {fr.Disposals} disposals, total prices {Money(fr.TotalPrices)} ({fr.Exempt switch { true => "exempt: 305 or less", false => "over 305", null => "unknown" }}), taxable {Money(fr.Taxable)}: see form-2086-summary.csv");
        if (report.Form8949 is { } us)
        {
            string Term(Reports.Model.HoldingTerm? term)
            {
                var rows = us.Where(r => r.Term == term).ToList();
                decimal? net = rows.Any(r => r.ShownGain is null) ? null : rows.Sum(r => r.Gain);
                return string.Create(CultureInfo.InvariantCulture, $"{rows.Count} rows, net {Money(net)}");
            }
            return $"Form 8949: short term {Term(Reports.Model.HoldingTerm.Short)}, long term {Term(Reports.Model.HoldingTerm.Long)}"
                + (us.Any(r => r.Term is null) ? $", term unknown {Term(null)}" : "") + $" {cur}: see form-8949.csv";
        }
        return null;
    }

    private static decimal? SumOrUnknown<T>(IReadOnlyList<T> rows, Func<T, decimal?> value) =>
        rows.Any(r => value(r) is null) ? null : rows.Sum(r => value(r)!.Value);

    private static string Money(decimal value) => DecimalText.FormatMoney(value);

    private static string Money(decimal? value) => value is { } v ? DecimalText.FormatMoney(v) : "unknown";

    private static string Iso(NodaTime.LocalDate date) => LocalDatePattern.Iso.Format(date);
}

/// <summary>
/// The options of <c>report</c>, checked: the calendar year the tax year starts in, the method and pool scope when given
/// (null: the config's; whether the jurisdiction allows them is checked after the config is loaded), the formats and
/// the output folder (absolute).
/// </summary>
public sealed record ReportSettings(int StartYear, CostBasisMethod? Method, PoolScope? Scope, NodaTime.LocalDate? ScopeFrom, ReportFormats Formats, string OutDir);

using System.CommandLine;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using PortfolioSync.Bitstamp.Auth;
using PortfolioSync.Cli.Config;
using PortfolioSync.Cli.Hosting;
using PortfolioSync.Cli.Reading;
using PortfolioSync.Domain;
using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Tax;
using PortfolioSync.Domain.Valuation;
using PortfolioSync.FakeBitstamp;
using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.Reports;
using PortfolioSync.Reports.Building;
using PortfolioSync.Reports.Model;
using PortfolioSync.Sync;

namespace PortfolioSync.Cli.Commands;

/// <summary>
/// <c>demo</c>: the whole job offline. Starts the local Bitstamp-compatible server on a free loopback port with the
/// sample data, syncs every account into <c>OUT/portfoliosync.db</c> with the real client (the server's test
/// credentials are handed over in memory), writes every tax year's reports and the value series and chart into
/// <c>OUT/</c>, the dashboard into <c>OUT/dashboard/index.html</c>, prints a summary and the paths, and stops the server. A second run reuses the store (incremental).
/// Rules: UK, GBP, HMRC share identification, universal pools, Europe/London.
/// </summary>
public sealed class DemoCommand : CliCommand<DemoSettings>
{
    private readonly Option<string?> _data = new("--data") { Description = "Data folder the local server serves (default: ./sample-data in a checkout, else the sample data built into the program)", HelpName = "DIR" };
    private readonly Option<string?> _out = new("--out") { Description = "Output folder (store, reports, chart; default: reports/demo in a checkout, else ./portfoliosync-demo)", HelpName = "DIR" };

    /// <summary>The output folder of a demo run outside a checkout (no <c>./sample-data</c>) with no <c>--out</c>.</summary>
    public const string OutsideCheckoutFolder = "portfoliosync-demo";

    public DemoCommand()
    {
        Definition = new Command("demo", "Run the whole job offline: local Bitstamp-compatible server, sync, every tax year's reports and the value chart into reports/demo/ (./portfoliosync-demo/ outside a checkout)");
        Definition.Options.Add(_data);
        Definition.Options.Add(_out);
    }

    public override Command Definition { get; }

    public override Bound<DemoSettings> Bind(ParseResult parse, CliEnvironment env)
    {
        var b = new OptionBinder(parse);
        var data = b.Value(_data);
        var output = b.Value(_out);
        if (output is not null && OutputFolder.FileProblem("--out", env.ExpandPath(output)) is { } notAFolder) b.Problem(notAFolder);
        return b.Result(() => new DemoSettings(data, output));
    }

    public override async Task<ExitCode> RunAsync(DemoSettings settings, CommandContext context, CancellationToken ct)
    {
        var env = context.Env;
        var givenData = settings.Data;
        // In a checkout (./sample-data beside us) the demo keeps its contributor layout; elsewhere it uses the
        // sample data built into the program and writes into ./portfoliosync-demo/.
        var inCheckout = givenData is null && File.Exists(Path.Combine(env.WorkingDirectory, "sample-data", "server.json"));
        var dataDir = givenData is not null ? env.ExpandPath(givenData)
            : inCheckout ? env.ExpandPath("sample-data") : "(sample data built into portfoliosync)";
        var outDir = env.ExpandPath(settings.Out ?? (givenData is not null || inCheckout ? Path.Combine("reports", "demo") : OutsideCheckoutFolder));
        ServerData data;
        try
        {
            data = givenData is null && !inCheckout ? BundledSampleData.Load() : ServerData.Load(dataDir);
        }
        catch (DataFolderException e)
        {
            throw new CliException($"{e.Message} (give --data DIR, or run the demo with no --data to use the built-in sample data)");
        }
        OutputFolder.Write(outDir, () => Directory.CreateDirectory(outDir));

        SyncReport sync;
        AppConfig config;
        await using (var server = await FakeBitstampServer.StartAsync(new FakeServerOptions(data) { Time = env.Time }, ct).ConfigureAwait(false))
        {
            if (!context.Quiet) env.Out.WriteLine($"local Bitstamp-compatible server on {server.BaseUrl} serving {dataDir} ({data.RecordCount.ToString("N0", CultureInfo.InvariantCulture)} records in {data.Accounts.Count} accounts)");
            config = DemoConfig(data, outDir, server.BaseUrl, context);
            var accounts = data.Accounts
                .Select(a => (a.Name, a.IsMain, (ApiCredentials?)new ApiCredentials(new ApiKeyId(a.Key), Secret.FromString(a.Secret))))
                .ToList();
            var syncOptions = new SyncOptions { BaseCurrency = config.BaseCurrency, Fiat = config.Fiat, MaxParallelAccounts = config.ParallelAccounts };
            sync = await SyncRunner.RunAsync(context, config, accounts, syncOptions, ct).ConfigureAwait(false);
            if (server.ForbiddenCalls.Count > 0)
                throw new InvalidOperationException("the client called a non-read endpoint; this is a bug");   // cannot happen: the allow-list refuses them
        }

        var input = StoreInput.Load(config.StorePath, config.BaseCurrency, config.Fiat, env, config.MaxPriceAgeDays);
        if (input.Ledger.Count == 0) throw new CliException($"the sync stored no ledger entries from {dataDir}; nothing to report");
        var options = CostBasisOptionsFactory.Create(config, []);
        var reports = TaxYearReports.Build(input.Ledger, input.Prices, options, TaxYearReports.Spanning(input.Ledger, options),
            new TaxReportSettings(config.Jurisdiction, input.Description), input.Warnings);
        var written = new List<(TaxReport Report, string Folder)>();
        foreach (var report in reports)
        {
            ct.ThrowIfCancellationRequested();
            written.Add((report, OutputFolder.Write(outDir, () => ReportWriter.Write(report, outDir, ReportFormats.Csv | ReportFormats.Xlsx))));
        }

        var zone = config.TimeZone;
        var first = input.Ledger[0].At.InZone(zone).Date;
        var last = input.Ledger[^1].At.InZone(zone).Date;
        if (input.LastPriceDate is { } lp && lp > last) last = lp;
        var value = ValueReportBuilder.Compute(input.Ledger, input.Prices,
            new ValueSeriesOptions(first, last, config.BaseCurrency, zone, null),
            options, input.Description, input.Warnings);
        var (valueFiles, chartProblem) = ValueOutput.Write(value, outDir, context.Env.Error);
        var dashboard = DashboardOutput.Write(context, config, Path.Combine(outDir, "dashboard"), ct, input);

        PrintSummary(context, sync, written, value, valueFiles, config, input);
        context.Env.Out.WriteLine($"  dashboard      {dashboard}");
        var exit = SyncRunner.ExitFor(sync);
        return exit == ExitCode.Ok && chartProblem is not null ? ExitCode.Unexpected : exit;
    }

    private static AppConfig DemoConfig(ServerData data, string outDir, Uri baseUrl, CommandContext context) => new()
    {
        SourcePath = "(demo: built in, no config file)",
        BaseCurrency = Asset.Gbp,
        Jurisdiction = Jurisdiction.Uk,
        Method = Jurisdiction.Uk.DefaultMethod,
        PoolScope = Jurisdiction.Uk.DefaultScope,
        CryptoFeesAreDisposals = Jurisdiction.Uk.CryptoFeesAreDisposals,
        TimeZone = Jurisdiction.Uk.Zone,
        TaxYear = Jurisdiction.Uk.TaxYearRule,
        StorePath = Path.Combine(outDir, "portfoliosync.db"),
        BaseUrl = baseUrl,
        Fiat = Asset.DefaultFiat,
        RequestsPerSecond = 50,
        ParallelAccounts = Math.Min(data.Accounts.Count, 4),
        Backups = 0,   // the demo store is rebuilt from the sample data at will: no copies in the output folder
        Accounts = data.Accounts.Select(a => new AccountConfig(a.Name, new CredentialSource(null, a.Key), new Secrets.SecretReference(Secrets.SecretSource.Env, "DEMO"), a.IsMain)).ToList(),
    };

    private static void PrintSummary(CommandContext context, SyncReport sync, List<(TaxReport Report, string Folder)> reports,
        ValueReport value, IReadOnlyList<string> valueFiles, AppConfig config, StoreInput input)
    {
        var o = context.Env.Out;
        var gbp = config.BaseCurrency.Code;
        o.WriteLine();
        o.WriteLine("PortfolioSync demo: summary");
        o.WriteLine($"  accounts       {string.Join(", ", sync.Accounts.Select(a => a.Account))}");
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  records        {sync.Accounts.Sum(a => a.Inserted):N0} new in this run, {input.Ledger.Count:N0} ledger entries in the store"));
        o.WriteLine($"  rules          UK (HMRC share identification), {gbp}, tax years from 6 April, Europe/London");
        foreach (var (report, _) in reports)
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {report.Label,-14} {report.Total.Disposals,5} disposals, net gain {(report.Total.ShownNet is { } net ? DecimalText.FormatMoney(net) : "unknown"),12} {gbp}{(report.IncompleteDisposals > 0 ? $" ({report.IncompleteDisposals} disposals lack a price or cost)" : "")}"));
        if (value.Days.Count > 0)
        {
            var last = value.Days[^1];
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  value          {(last.Total is { } total ? DecimalText.FormatMoney(total) : "unknown")} {gbp} on {LocalDatePattern.Iso.Format(last.Date)}, unrealized gain {(value.UnrealizedGainAtEnd is { } g ? DecimalText.FormatMoney(g) : "unknown")} {gbp}"));
        }
        var warnings = reports.SelectMany(r => r.Report.Warnings).Select(w => (w.Code, w.Account, w.EntryId, w.Message)).Distinct().Count();
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  warnings       {warnings} (each year's warnings.csv lists its own)"));
        o.WriteLine();
        o.WriteLine($"  store          {config.StorePath}");
        foreach (var (report, folder) in reports) o.WriteLine($"  {report.Label,-14} {folder}{Path.DirectorySeparatorChar}");
        foreach (var file in valueFiles) o.WriteLine($"  {Path.GetFileName(file),-14} {file}");
    }
}

/// <summary>The options of <c>demo</c> as given: the data folder and the output folder (null: the defaults, which depend
/// on whether the working directory is a checkout).</summary>
public sealed record DemoSettings(string? Data, string? Out);

using System.CommandLine;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using PortfolioSync.Cli.Config;
using PortfolioSync.Cli.Hosting;
using PortfolioSync.Cli.Reading;
using PortfolioSync.Domain;
using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Valuation;
using PortfolioSync.Reports;
using PortfolioSync.Reports.Building;
using PortfolioSync.Reports.Model;

namespace PortfolioSync.Cli.Commands;

/// <summary>
/// <c>value [--from D] [--to D] [--currency C] [--account A] [--out DIR]</c>: the portfolio's value at the end of every
/// day (configured zone), per account and asset and in total, as <c>value.csv</c>, <c>value.png</c> and
/// <c>value.xlsx</c> in DIR (default <c>reports/value/</c>); prints the last day's value and the unrealized gain then.
/// Defaults: from the first ledger day (of the account, with --account) to the newest stored candle date (or the
/// last ledger day when that is later or there are no prices); the config's base currency; all accounts. The
/// defaults depend only on the store, never on today's date, so the same store gives the same files.
/// </summary>
public sealed class ValueCommand : CliCommand<ValueSettings>
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    private readonly Option<string?> _from = new("--from") { Description = "First day, yyyy-MM-dd (default: the first ledger day)", HelpName = "D" };
    private readonly Option<string?> _to = new("--to") { Description = "Last day, yyyy-MM-dd (default: the newest price date, or the last ledger day if later)", HelpName = "D" };
    private readonly Option<string?> _currency = new("--currency") { Description = "Currency of the values (default: the config's baseCurrency)", HelpName = "C" };
    private readonly Option<string?> _account = new("--account") { Description = "Only this account (default: all)", HelpName = "A" };
    private readonly Option<string> _out = new("--out") { Description = "Output folder (other files in it are left alone)", HelpName = "DIR", DefaultValueFactory = _ => Path.Combine("reports", "value") };

    public ValueCommand()
    {
        Definition = new Command("value", "Write the portfolio value over time (CSV, PNG chart, XLSX)");
        foreach (var o in new Option[] { _from, _to, _currency, _account, _out }) Definition.Options.Add(o);
    }

    public override Command Definition { get; }

    public override Bound<ValueSettings> Bind(ParseResult parse, CliEnvironment env)
    {
        var b = new OptionBinder(parse);
        var from = b.Value(_from) is { } f ? b.Check<LocalDate?>(() => ParseDate("--from", f), null) : (LocalDate?)null;
        var to = b.Value(_to) is { } t ? b.Check<LocalDate?>(() => ParseDate("--to", t), null) : (LocalDate?)null;
        if (from is { } a && to is { } z && z < a)
            b.Problem($"--to {DatePattern.Format(z)} is before --from {DatePattern.Format(a)}");
        var currency = b.Value(_currency) is { } c ? b.Parse("--currency", c, Asset.Parse) : (Asset?)null;
        var account = b.Value(_account) is { } n ? b.Check(() => OptionText.AccountName("--account", n), n) : null;
        var outDir = env.ExpandPath(b.Value(_out)!);
        if (OutputFolder.FileProblem("--out", outDir) is { } notAFolder) b.Problem(notAFolder);
        return b.Result(() => new ValueSettings(from, to, currency, account, outDir));
    }

    public override Task<ExitCode> RunAsync(ValueSettings settings, CommandContext context, CancellationToken ct)
    {
        var env = context.Env;
        var (from, to, explicitCurrency, account, outDir) = settings;

        var config = context.LoadConfig();
        var currency = explicitCurrency ?? config.BaseCurrency;
        var manual = ManualCostsInput.Read(config);
        var phases = new PhaseLog(context);
        CostBasisRulesGate.Check(config, config.Method, config.PoolScope, config.PoolScopeFrom, env.Error);
        var input = StoreInput.Load(config.StorePath, config.BaseCurrency, config.Fiat, env, config.MaxPriceAgeDays);
        phases.Done("read the store");
        ct.ThrowIfCancellationRequested();

        var ledger = account is null ? input.Ledger : input.Ledger.Where(e => e.Account == account).ToList();
        if (account is not null && ledger.Count == 0)
        {
            var known = input.Ledger.Select(e => e.Account).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            throw new CliException($"--account: the store has no entries of account '{account}'"
                + (known.Count == 0 ? "" : $"; accounts in the store: {string.Join(", ", known)}"));
        }
        if (ledger.Count == 0)
            throw new CliException($"the store {config.StorePath} holds no ledger entries: nothing to value; run `portfoliosync sync` first");
        if (currency != config.BaseCurrency && !input.Prices.Assets.Contains(currency))
            throw new CliException($"--currency: no stored market quotes or converts {currency.Code}; markets stored: "
                + string.Join(", ", input.Prices.Pairs.Select(x => x.MarketName)));

        var zone = config.TimeZone;
        var firstDay = ledger.Min(e => e.At).InZone(zone).Date;
        var lastDay = ledger.Max(e => e.At).InZone(zone).Date;
        var start = from ?? firstDay;
        var end = to ?? (input.LastPriceDate is { } lp && lp > lastDay ? lp : lastDay);
        if (end < start)
            throw new CliException($"the series would end ({DatePattern.Format(end)}) before it starts ({DatePattern.Format(start)}): give --from and --to");

        var series = new ValueSeriesOptions(start, end, currency, zone, account);
        var costBasis = CostBasisOptionsFactory.Create(config, manual, currency: currency);
        var report = ValueReportBuilder.Compute(input.Ledger, input.Prices, series, costBasis, input.Description, input.Warnings);
        phases.Done("value series and cost basis");
        ct.ThrowIfCancellationRequested();
        var (files, chartProblem) = ValueOutput.Write(report, outDir, env.Error);
        phases.Done("wrote the files");

        PrintSummary(env.Out, report, files, costBasis.Method, account);
        return Task.FromResult(chartProblem is null ? ExitCode.Ok : ExitCode.Unexpected);
    }

    private static LocalDate ParseDate(string option, string text)
    {
        var result = DatePattern.Parse(text.Trim());
        return result.Success ? result.Value
            : throw new CliException($"{option}: '{text}' is not a date in the form yyyy-MM-dd (e.g. 2024-03-01)");
    }

    private static void PrintSummary(TextWriter output, ValueReport report, IReadOnlyList<string> files, CostBasisMethod method, string? account)
    {
        var currency = report.Currency.Code;
        var folder = files.Count == 0 ? "" : Path.GetDirectoryName(files[0]);
        output.WriteLine($"wrote {string.Join(", ", files.Select(Path.GetFileName))} to {folder}{Path.DirectorySeparatorChar}");
        var last = report.Days.Count == 0 ? null : report.Days[^1];
        var scope = account is null ? "all accounts" : $"account {account}";
        output.WriteLine($"{DatePattern.Format(report.From!.Value)} to {DatePattern.Format(report.To!.Value)}, {scope}, end of day in {report.ZoneId}");
        if (last is not null)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"value on {DatePattern.Format(last.Date)}: {Money(last.Total)} {currency}{(last.Unpriced.Count > 0 ? $" (without {string.Join(", ", last.Unpriced)}: no price)" : "")}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"unrealized gain on {DatePattern.Format(report.To!.Value)}: {Money(report.UnrealizedGainAtEnd)} {currency} (cost basis {Money(report.CostAtEnd)} {currency}, method {method.ToText()})"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warnings {report.Warnings.Count}: see the Warnings sheet of value.xlsx"));
    }

    private static string Money(decimal? value) => value is { } v ? DecimalText.FormatMoney(v) : "unknown";
}

/// <summary>
/// The options of <c>value</c>, checked: the first and last day (null: from the store; --to not before --from), the
/// currency (null: the config's base currency), the account (well formed; null: all) and the output folder (absolute).
/// </summary>
public sealed record ValueSettings(LocalDate? From, LocalDate? To, Asset? Currency, string? Account, string OutDir);

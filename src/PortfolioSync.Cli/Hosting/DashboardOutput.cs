using System.Globalization;
using PortfolioSync.Cli.Config;
using PortfolioSync.Cli.Reading;
using PortfolioSync.Reports.Building;
using PortfolioSync.Reports.Dashboard;
using PortfolioSync.Store;

namespace PortfolioSync.Cli.Hosting;

/// <summary>Writes the dashboard from the store: one way for <c>dashboard</c>, <c>sync --dashboard</c> and <c>demo</c>.</summary>
public static class DashboardOutput
{
    /// <summary>Where the dashboard goes without --out or the config's <c>dashboard</c> key.</summary>
    public static string DefaultDir => Path.Combine("reports", "dashboard");

    /// <summary>Reads the store, builds and writes the dashboard.</summary>
    /// <returns>The full path of <c>index.html</c>.</returns>
    /// <param name="input">The store as a caller already read it (demo), else it is read here.</param>
    public static string Write(CommandContext context, AppConfig config, string outDir, CancellationToken ct, StoreInput? input = null)
    {
        var env = context.Env;
        var manual = ManualCostsInput.Read(config);
        var phases = new PhaseLog(context);
        input ??= StoreInput.Load(config.StorePath, config.BaseCurrency, config.Fiat, env, config.MaxPriceAgeDays);
        var syncs = ReadSyncs(config, env);
        phases.Done("read the store");
        ct.ThrowIfCancellationRequested();
        if (input.Ledger.Count == 0)
            throw new CliException($"the store {config.StorePath} holds no ledger entries: nothing to show; run `portfoliosync sync` first");
        var zone = config.TimeZone;
        var first = input.Ledger.Min(e => e.At).InZone(zone).Date;
        var last = input.Ledger.Max(e => e.At).InZone(zone).Date;
        if (input.LastPriceDate is { } lp && lp > last) last = lp;
        var options = CostBasisOptionsFactory.Create(config, manual);
        var report = DashboardBuilder.Build(input.Ledger, input.Prices, options, new TaxReportSettings(config.Jurisdiction, input.Description),
            first, last, syncs, input.Warnings);
        phases.Done("value series, cost basis and tax years");
        ct.ThrowIfCancellationRequested();
        var page = OutputFolder.Write(outDir, () => DashboardWriter.Write(report, outDir));
        phases.Done("wrote the dashboard");
        return page;
    }

    /// <summary>Per configured account (then any other account the runs name), the newest run that finished syncing it
    /// (a run cut short later, in another account or the prices, counts for the accounts it finished).</summary>
    private static List<SyncStatus> ReadSyncs(AppConfig config, CliEnvironment env)
    {
        IReadOnlyList<RunRecord> runs;
        try
        {
            using var store = StoreAccess.OpenForReading(config.StorePath, env);   // read-only: the dashboard writes no store
            runs = store.ListRuns(200);
        }
        catch (StoreException e)
        {
            throw new CliException(e.Message, ExitCode.Usage, e);
        }
        var names = config.Accounts.Select(a => a.Name)
            .Concat(runs.SelectMany(r => r.Accounts).Select(a => a.Account).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal);
        var result = new List<SyncStatus>();
        foreach (var name in names)
        {
            var found = runs.Select(r => (Run: r, Account: r.Accounts.FirstOrDefault(a => a.Account == name))).FirstOrDefault(x => x.Account is not null);
            if (found.Account is not { } a)
            {
                result.Add(new SyncStatus(name, null, null, "no finished sync of this account in the store"));
                continue;
            }
            result.Add(new SyncStatus(name, found.Run.Started, a.Error is null, a.Error ?? string.Create(CultureInfo.InvariantCulture,
                $"{a.Inserted:N0} new, {a.Changed:N0} changed, {a.Unmapped:N0} kept raw")));
        }
        return result;
    }
}

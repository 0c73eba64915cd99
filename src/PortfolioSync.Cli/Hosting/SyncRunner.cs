using System.Globalization;
using PortfolioSync.Bitstamp;
using PortfolioSync.Cli.Config;
using PortfolioSync.Domain.Warnings;
using PortfolioSync.Store;
using PortfolioSync.Sync;
using Spectre.Console;

namespace PortfolioSync.Cli.Hosting;

/// <summary>A sync run with progress and its summary, and the exit code it means: shared by <c>sync</c> and <c>demo</c>.</summary>
public static class SyncRunner
{
    /// <summary>Locks the store, syncs (live progress on a terminal, plain lines otherwise), prints the summary.</summary>
    public static async Task<SyncReport> RunAsync(CommandContext context, AppConfig config,
        IReadOnlyList<(string Name, bool IsMain, Bitstamp.Auth.ApiCredentials? Credentials)> accounts, SyncOptions options, CancellationToken ct)
    {
        var env = context.Env;
        using var acquired = StoreAccess.AcquireLock(config.StorePath, env);
        var clients = new List<BitstampClient>();
        using var pace = ExchangeAccounts.Pace(config, env.Time);   // one pace for every account of the run
        ISyncProgress? shown = null;
        void Waiting(string what) => Volatile.Read(ref shown)?.Waiting(what);
        try
        {
            var syncAccounts = new List<SyncAccount>();
            foreach (var (name, isMain, credentials) in accounts)
            {
                var client = ExchangeAccounts.Client(name, credentials, config, env.Time, pace, Waiting);
                clients.Add(client);
                syncAccounts.Add(new SyncAccount(name, isMain, client));
            }
            var prices = ExchangeAccounts.Client("prices", null, config, env.Time, pace, Waiting);
            clients.Add(prices);

            var existed = File.Exists(config.StorePath);
            using var store = StoreAccess.OpenStore(config.StorePath, env);
            if (existed && StoreBackups.Rotate(store, config.Backups) is { } skipped) env.Error.WriteLine($"warning: {skipped}");
            SyncReport report;
            if (env.IsTerminal && !context.Quiet)
            {
                report = null!;
                await context.Console.Progress().AutoClear(false).HideCompleted(false)
                    .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left })
                    .StartAsync(async progress =>
                    {
                        var live = new LiveSyncProgress(progress);
                        Volatile.Write(ref shown, live);
                        report = await new SyncEngine(store, env.Time, options, live).RunAsync(syncAccounts, prices, ct).ConfigureAwait(false);
                        live.Finish("prices", report.Prices is { Error: null } p
                            ? string.Create(CultureInfo.InvariantCulture, $"prices: {p.Pairs} pairs, {p.Candles:N0} daily candles")
                            : "prices: failed");
                    }).ConfigureAwait(false);
            }
            else
            {
                var plain = new PlainSyncProgress(env.Out, context.Quiet);
                Volatile.Write(ref shown, plain);
                report = await new SyncEngine(store, env.Time, options, plain).RunAsync(syncAccounts, prices, ct).ConfigureAwait(false);
            }
            PrintSummary(context, report, StoreWarnings.Collect(store));
            return report;
        }
        finally
        {
            foreach (var c in clients) c.Dispose();
            foreach (var (_, _, credentials) in accounts) credentials?.Secret.Dispose();
        }
    }

    /// <summary>0 all done; 4 every account failed on its key; 7 no account completed (unreachable, blocked, maintenance…);
    /// 3 some accounts (or the prices) failed while others completed.</summary>
    public static ExitCode ExitFor(SyncReport report)
    {
        if (report.AllSucceeded) return ExitCode.Ok;
        var failed = report.Accounts.Where(a => !a.Succeeded).ToList();
        if (report.Accounts.Count > 0 && failed.Count == report.Accounts.Count)
            return failed.All(a => a.IsAuthProblem) ? ExitCode.Auth : ExitCode.NothingCompleted;
        return ExitCode.Partial;
    }

    private static void PrintSummary(CommandContext context, SyncReport report, IReadOnlyList<Warning> storeWarnings)
    {
        var env = context.Env;
        var console = context.Console;
        if (!context.Quiet)
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumns("account", "fetched", "new", "changed", "unmapped", "requests", "result");
            foreach (var a in report.Accounts)
                table.AddRow(Markup.Escape(a.Account), N(a.Fetched), N(a.Inserted), N(a.Changed), N(a.Unmapped), N(a.Requests),
                    a.Succeeded ? "[green]ok[/]" : "[red]failed[/]");
            console.Write(table);
            if (report.Prices is { } p)
                console.WriteLine(p.Error is null
                    ? string.Create(CultureInfo.InvariantCulture, $"prices: {p.Pairs} pairs, {p.Candles} daily candles stored")
                    : "prices: failed");
        }
        foreach (var a in report.Accounts.Where(a => !a.Succeeded)) env.Error.WriteLine($"error: {a.Error}");
        if (report.Prices?.Error is { } pe) env.Error.WriteLine($"error: prices: {pe}");

        if (storeWarnings.Count > 0)
        {
            var byCode = string.Join(", ", storeWarnings.GroupBy(w => w.Code).OrderBy(g => g.Key)
                .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key.ToText()}")));
            env.Out.WriteLine($"warnings in the store: {byCode} (see 'portfoliosync status'; reports list them in warnings.csv)");
            if (!context.Quiet)
                foreach (var w in storeWarnings.Take(5)) env.Out.WriteLine($"  {w.Code.ToText()}: {w.Message}");
        }
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}

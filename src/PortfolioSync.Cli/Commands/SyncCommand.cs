using System.CommandLine;
using System.Globalization;
using PortfolioSync.Bitstamp;
using PortfolioSync.Cli.Config;
using PortfolioSync.Cli.Hosting;
using PortfolioSync.Domain.Warnings;
using PortfolioSync.Store;
using PortfolioSync.Sync;
using Spectre.Console;

namespace PortfolioSync.Cli.Commands;

/// <summary>
/// <c>sync</c>: the nightly job. Config and every secret are checked before any network I/O; a lock keeps a second
/// sync out; each account is synced on its own (one failing does not stop the others). Exit 0, 3 (some accounts
/// failed), 4 (every account failed on its key), 7 (no account completed) or 2 (config, secrets, lock).
/// </summary>
public sealed class SyncCommand : CliCommand
{
    private readonly Option<string[]> _account = new("--account") { Description = "Sync only this account (repeat for several)", HelpName = "NAME", AllowMultipleArgumentsPerToken = false };
    private readonly Option<bool> _full = new("--full") { Description = "Refetch every record from the start and report differences" };
    private readonly Option<bool> _dashboard = new("--dashboard") { Description = "Rewrite the dashboard after the sync (into the config's dashboard folder, else reports/dashboard; the config key makes it the default)" };
    private readonly Option<string> _timeout = new("--timeout")
    {
        Description = "Stop cleanly after this long (e.g. 90m, 2h, 0 = no limit): a hung nightly job must not block the next night",
        HelpName = "DURATION",
        DefaultValueFactory = _ => "2h",
    };

    /// <summary>How long a sync may go on after its time limit (or a write error it cannot recover from) before the
    /// process is ended: a store call stuck inside LiteDB cannot be cancelled.</summary>
    internal static TimeSpan StopGrace { get; set; } = TimeSpan.FromSeconds(20);

    public SyncCommand()
    {
        Definition = new Command("sync", "Pull new transactions, balances and prices of every account into the store (the nightly job)");
        Definition.Options.Add(_account);
        Definition.Options.Add(_full);
        Definition.Options.Add(_dashboard);
        Definition.Options.Add(_timeout);
    }

    /// <summary>Parses <c>90s</c>, <c>90m</c>, <c>2h</c>, <c>1d</c>, or <c>0</c> (no limit: null).</summary>
    internal static TimeSpan? ParseTimeout(string text)
    {
        text = text.Trim();
        if (text == "0") return null;
        if (text.Length >= 2 && long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            switch (text[^1])
            {
                case 's': return TimeSpan.FromSeconds(n);
                case 'm': return TimeSpan.FromMinutes(n);
                case 'h': return TimeSpan.FromHours(n);
                case 'd': return TimeSpan.FromDays(n);
            }
        }
        throw new CliException($"--timeout '{text}': expected a number with s, m, h or d (e.g. 90m, 2h), or 0 for no limit");
    }

    public override Command Definition { get; }

    public override async Task<ExitCode> RunAsync(CommandContext context, CancellationToken ct)
    {
        var timeout = ParseTimeout(context.Parse.GetValue(_timeout) ?? "2h");
        var config = context.LoadConfig();
        var selected = ExchangeAccounts.Select(config, context.Parse.GetValue(_account) ?? []);
        var resolved = await ExchangeAccounts.ResolveAsync(selected, context.Env, ct).ConfigureAwait(false);
        foreach (var account in selected.Where(a => !a.HasKey))
            context.Env.Error.WriteLine($"{account.Name}: no key in the config: its imported records are kept as they are; prices are fetched for them");
        var options = new SyncOptions
        {
            Full = context.Parse.GetValue(_full),
            BaseCurrency = config.BaseCurrency,
            Fiat = config.Fiat,
            MaxParallelAccounts = config.ParallelAccounts,
        };
        var env = context.Env;
        using var limit = timeout is { } t ? new CancellationTokenSource(t, env.Time) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, limit.Token);
        var limitText = timeout is { } lt ? FormatTimeout(lt) : "";
        // A store call stuck inside LiteDB cannot be cancelled: past the grace period the process ends (the OS releases
        // the lock; the store keeps what was committed).
        using var hard = limit.Token.Register(() => _ = Task.Run(async () =>
        {
            await Task.Delay(StopGrace, CancellationToken.None).ConfigureAwait(false);
            env.Error.WriteLine($"error: sync stopped: the time limit of {limitText} was reached and the store did not answer within {StopGrace.TotalSeconds:0} s; what was committed is kept and the next run resumes from there.");
            env.Terminate?.Invoke((int)ExitCode.Unexpected);
        }));
        try
        {
            var report = await RunAsync(context, config, resolved.Select(r => (r.Account.Name, r.Account.IsMain, (Bitstamp.Auth.ApiCredentials?)r.Credentials)).ToList(), options, linked.Token)
                .ConfigureAwait(false);
            var exit = ExitFor(report);
            if (context.Parse.GetValue(_dashboard) || config.DashboardDir is not null)
            {
                // After every sync that synced at least one account: the page shows which ones failed.
                if (report.Accounts.Any(a => a.Succeeded))
                {
                    var page = DashboardCommand.Write(context, config, config.DashboardDir ?? context.Env.ExpandPath(DashboardCommand.DefaultDir), ct);
                    if (!context.Quiet) context.Env.Out.WriteLine($"dashboard: {page}");
                }
                else context.Env.Error.WriteLine("dashboard: not rewritten, no account was synced");
            }
            return exit;
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new CliException(
                $"sync stopped: the time limit of {limitText} (--timeout) was reached. What was committed is kept and the next run resumes from there; " +
                "a first sync of a large account may need a longer limit (--timeout 6h, or 0 for none).", ExitCode.Unexpected);
        }
    }

    /// <summary>Locks the store, syncs, prints the summary. Shared with <c>demo</c>.</summary>
    internal static async Task<SyncReport> RunAsync(CommandContext context, AppConfig config,
        IReadOnlyList<(string Name, bool IsMain, Bitstamp.Auth.ApiCredentials? Credentials)> accounts, SyncOptions options, CancellationToken ct)
    {
        var env = context.Env;
        using var acquired = AcquireLock(config.StorePath, env);
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
            using var store = OpenStore(config.StorePath, env);
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

    private static string FormatTimeout(TimeSpan t) =>
        t.TotalHours >= 1 && t.TotalHours == Math.Floor(t.TotalHours) ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalHours:0}h")
        : t.TotalMinutes >= 1 && t.TotalMinutes == Math.Floor(t.TotalMinutes) ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalMinutes:0}m")
        : string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0}s");

    private static StoreException LockFailed(string storePath, Exception e) =>
        StoreFaults.Classify(storePath, e) ?? new StoreException(storePath, StoreFailure.WriteFailed, e.Message, e);

    internal static StoreLock AcquireLock(string storePath, CliEnvironment env)
    {
        StoreLockResult result;
        try
        {
            result = StoreLock.TryAcquire(storePath, env.Time);
        }
        catch (IOException e)
        {
            throw LockFailed(storePath, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw LockFailed(storePath, e);
        }
        if (!result.Acquired) throw new CliException(result.Message);
        return result.Lock!;
    }

    /// <summary>How every command opens the store: the CLI's clock, and a line on stderr when an older store is upgraded
    /// (a migration may rewrite every ledger document once).</summary>
    internal static StoreOptions StoreOptionsFor(CliEnvironment env) => new()
    {
        Time = env.Time,
        OnMigration = (version, description) => env.Error.WriteLine(
            $"upgrading the store to schema {version}: {description}. This runs once; on a large store it can take a minute."),
    };

    internal static PortfolioStore OpenStore(string path, CliEnvironment env)
    {
        env.StoreInUse = path;
        return PortfolioStore.Open(path, StoreOptionsFor(env) with { SpaceCheck = env.Variable("PORTFOLIOSYNC_NO_SPACE_CHECK") != "1" });
    }

    /// <summary>
    /// How the commands that only read open the store: read-only (nothing written, so a store on a read-only mount or
    /// in a folder this user cannot write works); an older schema is upgraded once by opening it writable.
    /// </summary>
    internal static PortfolioStore OpenForReading(string path, CliEnvironment env)
    {
        env.StoreInUse = path;
        try
        {
            return PortfolioStore.Open(path, StoreOptionsFor(env) with { ReadOnly = true });
        }
        catch (StoreException e) when (e.Failure == StoreFailure.NeedsUpgrade)
        {
            return PortfolioStore.Open(path, StoreOptionsFor(env));
        }
    }

    /// <summary>0 all done; 4 every account failed on its key; 7 no account completed (unreachable, blocked, maintenance…);
    /// 3 some accounts (or the prices) failed while others completed.</summary>
    internal static ExitCode ExitFor(SyncReport report)
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

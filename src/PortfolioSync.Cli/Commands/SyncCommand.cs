using System.CommandLine;
using System.Globalization;
using PortfolioSync.Cli.Config;
using PortfolioSync.Cli.Hosting;
using PortfolioSync.Sync;

namespace PortfolioSync.Cli.Commands;

/// <summary>
/// <c>sync</c>: the nightly job. Config and every secret are checked before any network I/O; a lock keeps a second
/// sync out; each account is synced on its own (one failing does not stop the others). Exit 0, 3 (some accounts
/// failed), 4 (every account failed on its key), 7 (no account completed) or 2 (config, secrets, lock).
/// </summary>
public sealed class SyncCommand : CliCommand<SyncSettings>
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

    public override Bound<SyncSettings> Bind(ParseResult parse, CliEnvironment env)
    {
        var b = new OptionBinder(parse);
        var accounts = (b.Value(_account) ?? []).Select(a => b.Check(() => OptionText.AccountName("--account", a), a)).ToList();
        var full = b.Value(_full);
        var dashboard = b.Value(_dashboard);
        var timeout = b.Check(() => ParseTimeout(b.Value(_timeout) ?? "2h"));
        return b.Result(() => new SyncSettings(accounts, full, dashboard, timeout));
    }

    public override async Task<ExitCode> RunAsync(SyncSettings settings, CommandContext context, CancellationToken ct)
    {
        var timeout = settings.Timeout;
        var config = context.LoadConfig();
        var selected = ExchangeAccounts.Select(config, settings.Accounts);
        var resolved = await ExchangeAccounts.ResolveAsync(selected, context.Env, ct).ConfigureAwait(false);
        foreach (var account in selected.Where(a => !a.HasKey))
            context.Env.Error.WriteLine($"{account.Name}: no key in the config: its imported records are kept as they are; prices are fetched for them");
        var options = new SyncOptions
        {
            Full = settings.Full,
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
            await Task.Delay(StopGrace, env.Time, CancellationToken.None).ConfigureAwait(false);
            env.Error.WriteLine($"error: sync stopped: the time limit of {limitText} was reached and the store did not answer within {StopGrace.TotalSeconds:0} s; what was committed is kept and the next run resumes from there.");
            env.Terminate?.Invoke((int)ExitCode.Unexpected);
        }));
        try
        {
            var report = await SyncRunner.RunAsync(context, config, resolved.Select(r => (r.Account.Name, r.Account.IsMain, (Bitstamp.Auth.ApiCredentials?)r.Credentials)).ToList(), options, linked.Token)
                .ConfigureAwait(false);
            var exit = SyncRunner.ExitFor(report);
            if (settings.Dashboard || config.DashboardDir is not null)
            {
                // After every sync that synced at least one account: the page shows which ones failed.
                if (report.Accounts.Any(a => a.Succeeded))
                {
                    var page = DashboardOutput.Write(context, config, config.DashboardDir ?? context.Env.ExpandPath(DashboardOutput.DefaultDir), ct);
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

    private static string FormatTimeout(TimeSpan t) =>
        t.TotalHours >= 1 && t.TotalHours == Math.Floor(t.TotalHours) ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalHours:0}h")
        : t.TotalMinutes >= 1 && t.TotalMinutes == Math.Floor(t.TotalMinutes) ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalMinutes:0}m")
        : string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0}s");
}

/// <summary>The options of <c>sync</c>, checked: account names (well formed; whether the config has them is checked after
/// it is loaded), --full, --dashboard, and the time limit (null: none).</summary>
public sealed record SyncSettings(IReadOnlyList<string> Accounts, bool Full, bool Dashboard, TimeSpan? Timeout);

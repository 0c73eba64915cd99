using System.CommandLine;
using System.Text.Json;
using PortfolioSync.Cli.Config;
using PortfolioSync.Cli.Hosting;
using PortfolioSync.Cli.Secrets;
using PortfolioSync.Cli.Status;
using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Tax;
using NodaTime.Text;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Warnings;
using PortfolioSync.Store;
using Spectre.Console;
using System.Globalization;

namespace PortfolioSync.Cli.Commands;

/// <summary>
/// <c>status</c>: the config, each account with where its key and secret come from (resolved to prove they are
/// reachable, never printed), and the store's figures. Exit 2 when a secret is unreachable.
/// </summary>
public sealed class StatusCommand : CliCommand<StatusSettings>
{
    private readonly Option<bool> _json = new("--json") { Description = "Print one JSON object for scripts" };

    public StatusCommand()
    {
        Definition = new Command("status", "Show accounts (where each secret comes from, never its value), last runs, record counts and warnings");
        Definition.Options.Add(_json);
    }

    public override Command Definition { get; }

    public override Bound<StatusSettings> Bind(ParseResult parse, CliEnvironment env)
    {
        var b = new OptionBinder(parse);
        var json = b.Value(_json);
        return b.Result(() => new StatusSettings(json));
    }

    public override async Task<ExitCode> RunAsync(StatusSettings settings, CommandContext context, CancellationToken ct)
    {
        var config = context.LoadConfig();
        var resolver = new CredentialResolver(context.Env);
        var accounts = new List<AccountStatus>();
        foreach (var account in config.Accounts)
            accounts.Add(await Probe(account, resolver, ct).ConfigureAwait(false));

        var facts = StoreFacts.Read(config.StorePath, context.Env);
        var paths = AppPaths.For(context.Env);
        if (settings.Json) WriteJson(context.Env.Out, config, paths, accounts, facts);
        else WriteTable(context, config, paths, accounts, facts);

        var problems = accounts.SelectMany(a => a.Problems).ToList();
        foreach (var p in problems) context.Env.Error.WriteLine($"error: {p}");
        return problems.Count > 0 ? ExitCode.Usage : ExitCode.Ok;
    }

    private static async Task<AccountStatus> Probe(AccountConfig account, CredentialResolver resolver, CancellationToken ct)
    {
        var problems = new List<string>();
        if (!account.HasKey) return new AccountStatus(account, null, false, problems);   // imported records only
        string? keyId = null;
        try
        {
            keyId = (await resolver.ResolveKeyAsync(account, ct).ConfigureAwait(false)).Masked;
        }
        catch (SecretUnavailableException e)
        {
            problems.Add(e.Message);
        }
        var secretOk = false;
        try
        {
            using var secret = await resolver.ResolveSecretAsync(account, ct).ConfigureAwait(false);
            secretOk = true;
        }
        catch (SecretUnavailableException e)
        {
            problems.Add(e.Message);
        }
        return new AccountStatus(account, keyId, secretOk, problems);
    }

    private static void WriteTable(CommandContext context, AppConfig config, AppPaths paths, List<AccountStatus> accounts, StoreFacts? facts)
    {
        var console = context.Console;
        console.WriteLine($"config   {config.SourcePath}");
        console.WriteLine($"defaults {paths.Os.ToString().ToLowerInvariant()}: config {paths.ConfigFile}, data {paths.DataDirectory}");
        console.WriteLine($"lock     {StoreLock.LockPathFor(config.StorePath)}");
        console.WriteLine($"rules    {config.Jurisdiction.ToText()}, method {config.Method.ToText()}, {config.PoolScope.ToText()} pools, base {config.BaseCurrency}, tax year {config.TaxYear}, zone {config.TimeZone.Id}");
        console.WriteLine($"country  {JurisdictionDefaultsText(config.Jurisdiction)}");
        console.WriteLine($"store    {config.StorePath}{(File.Exists(config.StorePath) ? "" : " (not created yet: run 'portfoliosync sync')")}");
        console.WriteLine($"exchange {config.BaseUrl}");
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("account", "key", "key id", "secret", "reachable");
        foreach (var a in accounts)
        {
            table.AddRow(
                Markup.Escape(a.Account.Name + (a.Account.IsMain ? " (main)" : "")),
                Markup.Escape(a.Account.Key?.ToString() ?? NoKey),
                Markup.Escape(a.KeyId ?? "-"),
                Markup.Escape(a.Account.Secret?.ToString() ?? "-"),
                !a.Account.HasKey ? "[grey]n/a[/]" : a.Problems.Count == 0 ? "[green]yes[/]" : "[red]no[/]");
        }
        console.Write(table);
        foreach (var a in accounts.Where(a => !a.Account.HasKey))
        {
            var records = facts?.Counts.Where(c => c.Account == a.Account.Name).Sum(c => c.Records) ?? 0;
            console.WriteLine(Markup.Escape(records > 0
                ? string.Create(CultureInfo.InvariantCulture, $"account {a.Account.Name}: no key, {records:N0} imported records; sync fetches prices for them, not transactions")
                : $"account {a.Account.Name}: no key and no imported records yet: import its CSV export (portfoliosync import bitstamp-csv FILE --account {a.Account.Name}) or give it a key"));
        }
        if (facts is null) return;

        var streams = new Table().Border(TableBorder.Rounded).AddColumns("account", "stream", "records", "unmapped", "versions", "cursor", "last sync");
        foreach (var c in facts.Counts)
        {
            var cursor = facts.Cursors.FirstOrDefault(x => x.Account == c.Account && x.Stream == c.Stream);
            streams.AddRow(Markup.Escape(c.Account), Markup.Escape(c.Stream), N(c.Records), N(c.Unmapped), N(c.SupersededVersions),
                cursor?.LastExternalId?.ToString(CultureInfo.InvariantCulture) ?? "-",
                cursor is null ? "-" : InstantPattern.General.Format(cursor.UpdatedAt));
        }
        console.Write(streams);
        foreach (var b in facts.Balances)
            console.WriteLine(Markup.Escape($"balances {b.Account} at {InstantPattern.General.Format(b.At)}: "
                + string.Join(", ", b.Rows.Where(r => r.Total != 0).Select(r => $"{DecimalText.Format(r.Total)} {r.Asset}"))));
        foreach (var r in facts.Runs)
            console.WriteLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"run {r.Id}: {r.Status.ToString().ToLowerInvariant()}, started {InstantPattern.General.Format(r.Started)}, {NewRecords(r)}{(r.Errors.Count > 0 ? "; " + string.Join("; ", r.Errors) : "")}")));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warnings: {facts.Warnings.Count}"));
        foreach (var w in facts.Warnings.Take(20)) console.WriteLine(Markup.Escape($"  {w.Code.ToText()}: {w.Message}"));
        if (facts.Warnings.Count > 20) console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  … and {facts.Warnings.Count - 20} more (status --json lists them all)"));
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A run's new records; a run cut short counts only the accounts it finished, and says so.</summary>
    private static string NewRecords(RunRecord r)
    {
        var sum = r.Accounts.Sum(a => a.Inserted).ToString(CultureInfo.InvariantCulture);
        if (!r.Interrupted) return sum + " new records";
        return r.Accounts.Count == 0
            ? "new records not counted (no account finished)"
            : $"{sum} new records in the accounts it finished ({string.Join(", ", r.Accounts.Select(a => a.Account))})";
    }

    private static void WriteJson(TextWriter output, AppConfig config, AppPaths paths, List<AccountStatus> accounts, StoreFacts? facts) =>
        output.WriteLine(JsonSerializer.Serialize(ToJson(config, paths, accounts, facts), StatusJsonContext.Default.StatusJson));

    private static StatusJson ToJson(AppConfig config, AppPaths paths, List<AccountStatus> accounts, StoreFacts? facts) => new(
        config.SourcePath,
        config.StorePath,
        StoreLock.LockPathFor(config.StorePath),
        new StatusDefaults(paths.Os.ToString().ToLowerInvariant(), paths.ConfigFile, paths.DataDirectory, paths.StoreFile),
        config.BaseUrl.ToString(),
        [.. accounts.Select(a => new StatusAccount(
            a.Account.Name,
            a.Account.IsMain,
            !a.Account.HasKey,
            new StatusKey(a.Account.Key?.ToString() ?? "none", a.KeyId),
            new StatusSecret(a.Account.Secret?.ToString() ?? "none", a.SecretReachable),
            a.Problems,
            Ordered((facts?.Counts.Where(c => c.Account == a.Account.Name) ?? []).Select(c =>
            {
                var cursor = facts!.Cursors.FirstOrDefault(x => x.Account == c.Account && x.Stream == c.Stream);
                return (c.Stream, new StatusStream(c.Records, c.Unmapped, c.SupersededVersions,
                    cursor?.LastExternalId?.ToString(CultureInfo.InvariantCulture),
                    cursor is null ? null : InstantPattern.ExtendedIso.Format(cursor.UpdatedAt)));
            })),
            Ordered((facts?.Balances.FirstOrDefault(b => b.Account == a.Account.Name)?.Rows ?? []).Where(r => r.Total != 0)
                .Select(r => (r.Asset.Code, DecimalText.Format(r.Total))))))],
        [.. (facts?.Runs ?? []).Select(r => new StatusRun(
            r.Id,
            r.Status.ToString().ToLowerInvariant(),
            InstantPattern.ExtendedIso.Format(r.Started),
            r.Finished is { } f ? InstantPattern.ExtendedIso.Format(f) : null,
            r.Accounts.Sum(x => x.Inserted),
            r.Errors))],
        facts?.Warnings.Count ?? 0,
        [.. (facts?.Warnings ?? []).Select(w => new StatusWarning(w.Code.ToText(), w.Account, w.Message))]);

    // A dictionary that enumerates (and so serializes) in the given order, keys unique.
    private static Dictionary<string, T> Ordered<T>(IEnumerable<(string Key, T Value)> items)
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var (key, value) in items) result.Add(key, value);
        return result;
    }

    /// <summary>The key column of an account without a key.</summary>
    internal const string NoKey = "none: imported records only";

    private sealed record AccountStatus(AccountConfig Account, string? KeyId, bool SecretReachable, List<string> Problems);

    /// <summary>What the jurisdiction sets when the config does not: <c>de: base EUR, zone Europe/Berlin, …</c>.</summary>
    internal static string JurisdictionDefaultsText(Domain.Tax.Jurisdiction j) =>
        $"{j.Name}: base {j.BaseCurrency}, zone {j.ZoneId}, tax year {j.TaxYearRule}, method {j.DefaultMethod.ToText()}, "
        + $"scope {Domain.CostBasis.PoolScopeText.ToText(j.DefaultScope, j.DefaultScopeFrom)}"
        + (j.CountryFiles is { } files ? $"; files {files}" : "");
}

/// <summary>The options of <c>status</c>: one JSON object for scripts, or the tables.</summary>
public sealed record StatusSettings(bool Json);

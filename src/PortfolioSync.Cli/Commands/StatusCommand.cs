using System.CommandLine;
using System.Text;
using System.Text.Json;
using PortfolioSync.Cli.Config;
using PortfolioSync.Cli.Hosting;
using PortfolioSync.Cli.Secrets;
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
public sealed class StatusCommand : CliCommand
{
    private readonly Option<bool> _json = new("--json") { Description = "Print one JSON object for scripts" };

    public StatusCommand()
    {
        Definition = new Command("status", "Show accounts (where each secret comes from, never its value), last runs, record counts and warnings");
        Definition.Options.Add(_json);
    }

    public override Command Definition { get; }

    public override async Task<ExitCode> RunAsync(CommandContext context, CancellationToken ct)
    {
        var config = context.LoadConfig();
        var resolver = new CredentialResolver(context.Env);
        var accounts = new List<AccountStatus>();
        foreach (var account in config.Accounts)
            accounts.Add(await Probe(account, resolver, ct).ConfigureAwait(false));

        var facts = StoreFacts.Read(config.StorePath, context.Env);
        var paths = AppPaths.For(context.Env);
        if (context.Parse.GetValue(_json)) WriteJson(context.Env.Out, config, paths, accounts, facts);
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
                $"run {r.Id}: {r.Status.ToString().ToLowerInvariant()}, started {InstantPattern.General.Format(r.Started)}, {r.Accounts.Sum(a => a.Inserted)} new records{(r.Errors.Count > 0 ? "; " + string.Join("; ", r.Errors) : "")}")));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warnings: {facts.Warnings.Count}"));
        foreach (var w in facts.Warnings.Take(20)) console.WriteLine(Markup.Escape($"  {w.Code.ToText()}: {w.Message}"));
        if (facts.Warnings.Count > 20) console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  … and {facts.Warnings.Count - 20} more (status --json lists them all)"));
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static void WriteJson(TextWriter output, AppConfig config, AppPaths paths, List<AccountStatus> accounts, StoreFacts? facts)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("config", config.SourcePath);
            w.WriteString("store", config.StorePath);
            w.WriteString("lock", StoreLock.LockPathFor(config.StorePath));
            w.WriteStartObject("defaults");
            w.WriteString("os", paths.Os.ToString().ToLowerInvariant());
            w.WriteString("config", paths.ConfigFile);
            w.WriteString("data", paths.DataDirectory);
            w.WriteString("store", paths.StoreFile);
            w.WriteEndObject();
            w.WriteString("baseUrl", config.BaseUrl.ToString());
            w.WriteStartArray("accounts");
            foreach (var a in accounts)
            {
                w.WriteStartObject();
                w.WriteString("name", a.Account.Name);
                w.WriteBoolean("main", a.Account.IsMain);
                w.WriteBoolean("importOnly", !a.Account.HasKey);
                w.WriteStartObject("key");
                w.WriteString("source", a.Account.Key?.ToString() ?? "none");
                if (a.KeyId is null) w.WriteNull("id"); else w.WriteString("id", a.KeyId);
                w.WriteEndObject();
                w.WriteStartObject("secret");
                w.WriteString("source", a.Account.Secret?.ToString() ?? "none");
                w.WriteBoolean("reachable", a.SecretReachable);
                w.WriteEndObject();
                w.WriteStartArray("problems");
                foreach (var p in a.Problems) w.WriteStringValue(p);
                w.WriteEndArray();
                w.WriteStartObject("streams");
                foreach (var c in facts?.Counts.Where(c => c.Account == a.Account.Name) ?? [])
                {
                    var cursor = facts!.Cursors.FirstOrDefault(x => x.Account == c.Account && x.Stream == c.Stream);
                    w.WriteStartObject(c.Stream);
                    w.WriteNumber("records", c.Records);
                    w.WriteNumber("unmapped", c.Unmapped);
                    w.WriteNumber("versions", c.SupersededVersions);
                    if (cursor?.LastExternalId is { } last) w.WriteString("cursor", last.ToString(CultureInfo.InvariantCulture)); else w.WriteNull("cursor");
                    if (cursor is null) w.WriteNull("lastSync"); else w.WriteString("lastSync", InstantPattern.ExtendedIso.Format(cursor.UpdatedAt));
                    w.WriteEndObject();
                }
                w.WriteEndObject();
                w.WriteStartObject("balances");
                if (facts?.Balances.FirstOrDefault(b => b.Account == a.Account.Name) is { } snapshot)
                    foreach (var row in snapshot.Rows.Where(r => r.Total != 0))
                        w.WriteString(row.Asset.Code, DecimalText.Format(row.Total));
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("runs");
            foreach (var r in facts?.Runs ?? [])
            {
                w.WriteStartObject();
                w.WriteString("id", r.Id);
                w.WriteString("status", r.Status.ToString().ToLowerInvariant());
                w.WriteString("started", InstantPattern.ExtendedIso.Format(r.Started));
                if (r.Finished is { } f) w.WriteString("finished", InstantPattern.ExtendedIso.Format(f)); else w.WriteNull("finished");
                w.WriteNumber("inserted", r.Accounts.Sum(x => x.Inserted));
                w.WriteStartArray("errors");
                foreach (var e in r.Errors) w.WriteStringValue(e);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("warnings", facts?.Warnings.Count ?? 0);
            w.WriteStartArray("warningList");
            foreach (var warning in facts?.Warnings ?? [])
            {
                w.WriteStartObject();
                w.WriteString("code", warning.Code.ToText());
                if (warning.Account is null) w.WriteNull("account"); else w.WriteString("account", warning.Account);
                w.WriteString("message", warning.Message);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
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

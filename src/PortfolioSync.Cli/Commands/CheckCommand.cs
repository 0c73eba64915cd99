using System.Globalization;
using System.CommandLine;
using PortfolioSync.Bitstamp.Errors;
using PortfolioSync.Cli.Hosting;
using Spectre.Console;

namespace PortfolioSync.Cli.Commands;

/// <summary>
/// <c>check</c>: for every account, the key works and has the read permissions the sync needs ("Account balance",
/// "User transactions"; on the main account, optionally "Crypto transactions"). Each failure is explained with its
/// fix. Exit 0, 4 (a key or permission problem), 3 (another failure, e.g. network).
/// </summary>
public sealed class CheckCommand : CliCommand<CheckSettings>
{
    private readonly Option<string[]> _account = new("--account") { Description = "Check only this account (repeat for several)", HelpName = "NAME" };

    public CheckCommand()
    {
        Definition = new Command("check", "Check that every account's key works and has the read permissions needed");
        Definition.Options.Add(_account);
    }

    public override Command Definition { get; }

    public override Bound<CheckSettings> Bind(ParseResult parse, CliEnvironment env)
    {
        var b = new OptionBinder(parse);
        var accounts = (b.Value(_account) ?? []).Select(a => b.Check(() => OptionText.AccountName("--account", a), a)).ToList();
        return b.Result(() => new CheckSettings(accounts));
    }

    public override async Task<ExitCode> RunAsync(CheckSettings settings, CommandContext context, CancellationToken ct)
    {
        var config = context.LoadConfig();
        var selected = ExchangeAccounts.Select(config, settings.Accounts);
        var resolved = await ExchangeAccounts.ResolveAsync(selected, context.Env, ct).ConfigureAwait(false);
        var table = new Table().Border(TableBorder.Rounded).AddColumns("account", "key id", "balances", "transactions", "crypto transactions");
        var problems = new List<BitstampApiException>();
        foreach (var (account, credentials) in resolved)
        {
            // A check answers at once: a few retries, not the nightly job's patience.
            using var client = new Bitstamp.BitstampClient(account.Name, config.BaseUrl, credentials,
                ExchangeAccounts.Options(config, maxRetries: 2), context.Env.Time);
            var balances = await Probe(() => client.GetBalancesAsync(ct), problems).ConfigureAwait(false);
            var transactions = await Probe(() => client.GetUserTransactionsPageAsync(null, 1, ct), problems).ConfigureAwait(false);
            var crypto = "[grey]n/a (subaccount)[/]";
            if (account.IsMain)
            {
                try
                {
                    await client.GetCryptoTransactionsAsync(0, 1, ct).ConfigureAwait(false);
                    crypto = "[green]ok[/]";
                }
                catch (BitstampApiException e) when (e.Kind == BitstampErrorKind.MissingPermission)
                {
                    crypto = "[yellow]no permission (optional: network details of deposits and withdrawals)[/]";
                }
                catch (BitstampApiException e)
                {
                    problems.Add(e);
                    crypto = "[red]failed[/]";
                }
            }
            table.AddRow(Markup.Escape(account.Name), Markup.Escape(credentials.Key.Masked), balances, transactions, crypto);
            credentials.Secret.Dispose();
        }
        // Accounts without a key hold imported records only: nothing to check at the exchange, but they must hold some.
        var keyless = selected.Where(a => !a.HasKey).ToList();
        var empty = new List<string>();
        if (keyless.Count > 0)
        {
            var facts = StoreFacts.Read(config.StorePath, context.Env);
            foreach (var account in keyless)
            {
                var records = facts?.Counts.Where(c => c.Account == account.Name).Sum(c => c.Records) ?? 0;
                if (records == 0) empty.Add(account.Name);
                table.AddRow(Markup.Escape(account.Name), "[grey]none[/]", records > 0
                    ? Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"no key: {records:N0} imported records"))
                    : "[red]no key and no imported records[/]", "[grey]n/a[/]", "[grey]n/a[/]");
            }
        }
        context.Console.Write(table);
        foreach (var p in problems.DistinctBy(p => (p.Account, p.Kind))) context.Env.Error.WriteLine($"error: {p.Message}");
        foreach (var name in empty)
            context.Env.Error.WriteLine($"error: account '{name}' has no key and no imported records: import its CSV export (portfoliosync import bitstamp-csv FILE --account {name}) or give it a key and secret in {config.SourcePath}");
        if (problems.Count == 0 && empty.Count > 0) return ExitCode.Usage;
        if (problems.Count == 0)
        {
            if (resolved.Count == 0)
            {
                context.Env.Out.WriteLine("no account has a key: the accounts hold imported records (sync fetches their prices only)");
                return ExitCode.Ok;
            }
            context.Env.Out.WriteLine("every key works and can read what the sync needs");
            return ExitCode.Ok;
        }
        return problems.Any(p => p.IsAuthProblem) ? ExitCode.Auth : ExitCode.Partial;
    }

    private static async Task<string> Probe<T>(Func<Task<T>> call, List<BitstampApiException> problems)
    {
        try
        {
            await call().ConfigureAwait(false);
            return "[green]ok[/]";
        }
        catch (BitstampApiException e)
        {
            problems.Add(e);
            return e.Kind == BitstampErrorKind.MissingPermission ? "[red]no permission[/]" : "[red]failed[/]";
        }
    }
}

/// <summary>The options of <c>check</c>, checked: the accounts (well formed; whether the config has them is checked after
/// it is loaded; none: all).</summary>
public sealed record CheckSettings(IReadOnlyList<string> Accounts);

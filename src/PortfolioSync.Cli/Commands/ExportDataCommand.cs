using System.CommandLine;
using System.Globalization;
using PortfolioSync.Bitstamp.Json;
using PortfolioSync.Cli.Hosting;
using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.Store;
using PortfolioSync.Sync;

namespace PortfolioSync.Cli.Commands;

/// <summary>
/// <c>export-data --out DIR [--account A]</c>: the store as a data folder the local server serves (docs/fake-server.md),
/// for a bug report: every raw record as received (current version, byte for byte), the daily candles, and a
/// <c>server.json</c> with fresh test credentials, never the user's. Serving the folder and syncing it into a fresh
/// store gives the same ledger and the same reports.
/// </summary>
public sealed class ExportDataCommand : CliCommand<ExportDataSettings>
{
    private readonly Option<string> _out = new("--out") { Description = "Folder to write (created; must be empty or not exist)", HelpName = "DIR", Required = true };
    private readonly Option<string[]> _account = new("--account") { Description = "Only this account (repeat for several; default all in the store)", HelpName = "NAME" };

    public ExportDataCommand()
    {
        Definition = new Command("export-data", "Write the store's records and prices as a data folder the local server can replay (for bug reports; no secrets)");
        Definition.Options.Add(_out);
        Definition.Options.Add(_account);
    }

    public override Command Definition { get; }

    public override Bound<ExportDataSettings> Bind(ParseResult parse, CliEnvironment env)
    {
        var b = new OptionBinder(parse);
        var outDir = env.ExpandPath(b.Value(_out)!);
        if (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any())
            b.Problem($"{outDir} is not empty: choose a new folder for the export");
        if (OutputFolder.FileProblem("--out", outDir) is { } notAFolder) b.Problem(notAFolder);
        var accounts = (b.Value(_account) ?? []).Select(a => b.Check(() => OptionText.AccountName("--account", a), a)).ToList();
        return b.Result(() => new ExportDataSettings(outDir, accounts));
    }

    public override Task<ExitCode> RunAsync(ExportDataSettings settings, CommandContext context, CancellationToken ct)
    {
        var config = context.LoadConfig();
        var env = context.Env;
        var outDir = settings.OutDir;
        if (!File.Exists(config.StorePath)) throw new CliException($"no store at {config.StorePath}: run `portfoliosync sync` first (or point --store at the store file)");
        using var store = StoreAccess.OpenForReading(config.StorePath, env);   // read-only: exporting writes no store

        var inStore = store.CountRecords().Select(c => c.Account).Distinct(StringComparer.Ordinal).ToList();
        var only = settings.Accounts;
        var unknown = only.Where(a => !inStore.Contains(a)).ToList();
        if (unknown.Count > 0)
            throw new CliException($"no records of {string.Join(", ", unknown.Select(u => $"'{u}'"))} in the store; it holds {string.Join(", ", inStore)}");
        var names = (only.Count > 0 ? only : [.. inStore]).Order(StringComparer.Ordinal).ToList();
        var mainName = config.Accounts.FirstOrDefault(a => a.IsMain)?.Name ?? "main";

        var accounts = new List<ReplayAccount>();
        var records = 0;
        foreach (var name in names)
        {
            var transactions = store.ReadRaw(name, StreamNames.UserTransactions).Where(r => r.IsCurrent).ToList();
            var ordered = transactions.Select(r => (Raw: r, Parsed: UserTransactionParser.Parse(r.Json).Value))
                .OrderBy(x => x.Parsed is null ? 1 : 0).ThenBy(x => x.Parsed?.At).ThenBy(x => x.Raw.ExternalId)
                .Select(x => x.Raw.Json).ToList();
            records += ordered.Count;
            var crypto = store.ReadRaw(name, StreamNames.CryptoTransactions).Where(r => r.IsCurrent).ToList();
            // A deposit has an id (and a status); a withdrawal has none (bitstamp-api.md §3).
            var deposits = crypto.Where(r => CanonicalRecord.Canonical(r.Json)?.Any(f => f.Name == "id") == true).OrderBy(r => r.ExternalId).Select(r => r.Json).ToList();
            var withdrawals = crypto.Where(r => CanonicalRecord.Canonical(r.Json)?.Any(f => f.Name == "id") != true).OrderBy(r => r.ExternalId).Select(r => r.Json).ToList();
            var isMain = name == mainName;
            accounts.Add(new ReplayAccount(name, isMain, ordered, isMain || crypto.Count > 0 ? deposits : null, isMain || crypto.Count > 0 ? withdrawals : null));
        }

        // Each market under the base and quote it was stored with; candles whose market is not known yet (stored
        // before schema 5, not backfilled) cannot be served as a market and are named, not guessed.
        var prices = store.ReadPrices();
        var unknownMarkets = prices.Where(p => p.Market is null).Select(p => p.Pair).Distinct(StringComparer.Ordinal).ToList();
        if (unknownMarkets.Count > 0)
            env.Error.WriteLine($"warning: candles of {string.Join(", ", unknownMarkets)} left out: their base and quote are not known yet (run 'portfoliosync sync' first)");
        var candles = prices.Where(p => p.Market is not null).GroupBy(p => p.Pair, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.First().Market!.Value.Base.Code.ToLowerInvariant(), g.First().Market!.Value.Quote.Code.ToLowerInvariant(),
                (IReadOnlyList<ReplayCandle>)g.Select(p => new ReplayCandle(new DateOnly(p.Date.Year, p.Date.Month, p.Date.Day), p.Open, p.High, p.Low, p.Close)).ToList()))
            .ToList();
        OutputFolder.Write(outDir, () => { ReplayFolderWriter.Write(outDir, accounts, candles); return outDir; });
        env.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {records:N0} records of {names.Count} account(s) ({string.Join(", ", names)}) and {candles.Sum(c => c.Item3.Count):N0} daily candles of {candles.Count} pairs to {outDir}"));
        env.Out.WriteLine($"serve it with: portfoliosync fake-server --data {outDir} (its server.json holds fresh test credentials, not yours)");
        return Task.FromResult(ExitCode.Ok);
    }
}

/// <summary>The options of <c>export-data</c>, checked: the output folder (absolute; new or empty) and the accounts
/// (well formed; none: every account in the store).</summary>
public sealed record ExportDataSettings(string OutDir, IReadOnlyList<string> Accounts);

using System.CommandLine;
using System.Globalization;
using PortfolioSync.Bitstamp.Csv;
using PortfolioSync.Bitstamp.Json;
using PortfolioSync.Bitstamp.Mapping;
using PortfolioSync.Store;
using PortfolioSync.Cli.Hosting;
using PortfolioSync.Sync;

namespace PortfolioSync.Cli.Commands;

/// <summary>
/// <c>repair --out NEW</c>: builds a fresh store from every raw record of a damaged store that still reads back whole,
/// mapping each again with the code a sync or an import uses, plus every readable daily price; says what was
/// recovered and what was lost. <c>sync --full --store NEW</c> then fetches what was lost from the exchange (docs/store.md
/// "Faults, damage and recovery"). The damaged store is opened read-only and never changed. Exit 0 when nothing was
/// lost, 3 when something was (the new store is written either way), 5 when the damaged store cannot be opened at all.
/// </summary>
public sealed class RepairCommand : CliCommand<RepairSettings>
{
    private readonly Option<string> _out = new("--out") { Description = "The new store file to build (must not exist)", HelpName = "NEW", Required = true };

    public RepairCommand()
    {
        Definition = new Command("repair", "Build a new store from every record of a damaged store that still reads, and say what was lost");
        Definition.Options.Add(_out);
    }

    public override Command Definition { get; }

    public override Bound<RepairSettings> Bind(ParseResult parse, CliEnvironment env)
    {
        var b = new OptionBinder(parse);
        var target = env.ExpandPath(b.Value(_out)!);
        if (File.Exists(target))
            b.Problem($"{target} exists: repair writes a new store and never overwrites one; choose another --out");
        return b.Result(() => new RepairSettings(target));
    }

    public override Task<ExitCode> RunAsync(RepairSettings settings, CommandContext context, CancellationToken ct)
    {
        var env = context.Env;
        var config = context.LoadConfig();
        var target = settings.Target;
        if (!File.Exists(config.StorePath))
            throw new CliException($"no store at {config.StorePath}: nothing to repair");
        if (string.Equals(Path.GetFullPath(target), Path.GetFullPath(config.StorePath), StringComparison.Ordinal))
            throw new CliException("--out must be a new file, not the damaged store itself");

        env.StoreInUse = config.StorePath;
        var salvage = PortfolioStore.Salvage(config.StorePath);
        ct.ThrowIfCancellationRequested();

        var recovered = new SortedDictionary<string, (int Records, int Mapped, int Unmapped)>(StringComparer.Ordinal);
        env.StoreInUse = target;
        using (var store = PortfolioStore.Open(target, StoreAccess.StoreOptionsFor(env)))
        {
            var run = store.StartRun();
            var problems = new List<string>();
            foreach (var group in salvage.Raw.GroupBy(r => (r.Account, r.Stream)).OrderBy(g => g.Key.Account, StringComparer.Ordinal).ThenBy(g => g.Key.Stream, StringComparer.Ordinal))
            {
                ct.ThrowIfCancellationRequested();
                var records = Remap(group.Key.Account, group.Key.Stream, group.OrderBy(r => r.ExternalId).ToList(), salvage.Details, problems);
                foreach (var page in records.Chunk(1000))
                    store.CommitPage(new PageCommit(group.Key.Account, group.Key.Stream, run.Id, page));
                recovered[$"{group.Key.Account}/{group.Key.Stream}"] = (records.Count, records.Count(r => r.Entry is not null), records.Count(r => r.Entry is null && !r.IsDetail));
            }
            store.UpsertPrices(salvage.Prices);
            store.RefreshLedgerCache();
            store.FinishRun(run.Id, salvage.Lost.Count == 0 ? RunStatus.Succeeded : RunStatus.Partial,
                recovered.Select(kv => new AccountRunResult(kv.Key.Split('/')[0], kv.Value.Records, 0, 0, kv.Value.Unmapped, null)).ToList(),
                [$"repair of {Path.GetFileName(config.StorePath)}: {salvage.Lost.Count} unreadable document(s)", .. problems]);
        }

        var o = env.Out;
        o.WriteLine($"repaired {config.StorePath} into {target}");
        foreach (var (stream, n) in recovered)
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {stream}: {n.Records:N0} raw records recovered ({n.Mapped:N0} mapped, {n.Unmapped:N0} kept unmapped)"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  prices: {salvage.Prices.Count:N0} daily candles recovered"));
        if (salvage.LedgerDamage.Count > 0)
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ledger: {salvage.LedgerDamage.Count:N0} damaged entries of the old store, rebuilt from their raw records"));
        if (salvage.OtherDamage.Count > 0)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  other: {salvage.OtherDamage.Count:N0} damaged document(s) or range(s) in collections a repair does not copy (sync history, cursors, balances, superseded versions, caches; the next sync rebuilds what it needs):"));
            foreach (var line in salvage.OtherDamage.Take(20)) o.WriteLine("    " + line);
            if (salvage.OtherDamage.Count > 20) o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    … and {salvage.OtherDamage.Count - 20} more"));
        }
        if (salvage.Lost.Count == 0)
        {
            o.WriteLine("nothing was lost. Point the config's store (or --store) at the new file; the damaged one is unchanged.");
            return Task.FromResult(ExitCode.Ok);
        }
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lost: {salvage.Lost.Count} unreadable document(s):"));
        foreach (var line in salvage.Lost.Take(50)) o.WriteLine("  " + line);
        if (salvage.Lost.Count > 50) o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  … and {salvage.Lost.Count - 50} more"));
        env.Error.WriteLine($"warning: some records could not be read. Fetch them again from the exchange: portfoliosync sync --full --store {target} " +
            "(imported CSV files: import them again into the new store). Balances and superseded versions are not copied; the next sync takes a new balance snapshot.");
        return Task.FromResult(ExitCode.Partial);
    }

    /// <summary>The raw records of one account and stream as a sync or an import would commit them.</summary>
    private static List<PageRecord> Remap(string account, string stream, List<RawRecord> raw, IReadOnlySet<string> details, List<string> problems)
    {
        if (stream == StreamNames.UserTransactions)
            return raw.Select(r =>
            {
                var parsed = UserTransactionParser.Parse(r.Json);
                if (parsed.Value is not { } value)
                    return PageRecord.Unmapped(r.ExternalId, r.Json, $"malformed: field '{parsed.Malformed!.Field}': {parsed.Malformed.Problem}");
                var mapping = LedgerMapper.Map(account, value);
                return mapping.Warning is { } w ? new PageRecord(r.ExternalId, r.Json, mapping.Entry, w.Message) : PageRecord.Mapped(mapping.Entry, r.Json);
            }).ToList();
        if (stream.StartsWith(CsvLedgerMapper.StreamPrefix, StringComparison.Ordinal))
            return RemapCsv(account, stream, raw, details, problems);
        // crypto_transactions and any other stream: detail records, kept raw as they were
        return raw.Select(r => details.Contains(r.Key) || r.EntryId is null && r.Problem is null
            ? PageRecord.Detail(r.ExternalId, r.Json)
            : PageRecord.Unmapped(r.ExternalId, r.Json, r.Problem ?? "kept raw by repair")).ToList();
    }

    /// <summary>
    /// Rows of an imported CSV file, each read again from its stored cells (<see cref="BitstampCsvReader.ReadStored"/>,
    /// as <c>verify</c> does) and mapped with its stored id; a row that was a duplicate of a synced record (a detail) stays
    /// one, a row that no longer reads is kept raw and unmapped.
    /// </summary>
    private static List<PageRecord> RemapCsv(string account, string stream, List<RawRecord> raw, IReadOnlySet<string> details, List<string> problems) =>
        raw.Select(r =>
        {
            if (details.Contains(r.Key)) return PageRecord.Detail(r.ExternalId, r.Json);
            try
            {
                var mapping = CsvLedgerMapper.Map(account, stream, BitstampCsvReader.ReadStored(r.Key, r.Json), r.ExternalId);
                return new PageRecord(r.ExternalId, r.Json, mapping.Entry, mapping.Warning?.Message);
            }
            catch (CsvImportException e)
            {
                problems.Add($"{r.Key}: the imported row could not be read again ({e.Message}); kept raw and unmapped");
                return PageRecord.Unmapped(r.ExternalId, r.Json, "imported row kept raw by repair: " + e.Message);
            }
        }).ToList();
}

/// <summary>The options of <c>repair</c>, checked: the new store to build (absolute; must not exist).</summary>
public sealed record RepairSettings(string Target);

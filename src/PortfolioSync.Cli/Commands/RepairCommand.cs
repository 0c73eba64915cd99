using System.CommandLine;
using System.Globalization;
using PortfolioSync.Cli.Hosting;
using PortfolioSync.Domain.Warnings;
using PortfolioSync.Store;
using PortfolioSync.Sync;

namespace PortfolioSync.Cli.Commands;

/// <summary>
/// <c>repair --out NEW</c>: builds a fresh store at NEW from every current raw record of the (damaged) store that can
/// still be read and passes its checksum, mapping each again exactly as the sync does. Nothing else is carried over
/// (ledger, cursors' positions beyond the recovered records, balances, prices, runs, superseded versions): they are
/// derived from the raw records or fetched again by <c>sync --full</c> on the new store, which also fetches the lost
/// records. The damaged store is only read. Exit 0 when every raw record was recovered, 5 when something was lost
/// or the store could not be opened at all (the list says what), 2 when NEW already exists.
/// </summary>
public sealed class RepairCommand : CliCommand
{
    private const int PageSize = 1000;
    private const int MaxListed = 50;

    private readonly Option<string> _out = new("--out")
    {
        Description = "The new store file to build (must not exist yet); the damaged store is only read",
        HelpName = "NEW",
        Required = true,
    };

    public RepairCommand()
    {
        Definition = new Command("repair", "Build a new store from every raw record a damaged store still holds; then run 'sync --full' on it");
        Definition.Options.Add(_out);
    }

    public override Command Definition { get; }

    public override Task<ExitCode> RunAsync(CommandContext context, CancellationToken ct)
    {
        var config = context.LoadConfig();
        var env = context.Env;
        var source = config.StorePath;
        var target = env.ExpandPath(context.Parse.GetValue(_out)!);
        if (!File.Exists(source))
            throw new CliException($"no store at {source} to repair (point --store at the damaged file)");
        if (string.Equals(Path.GetFullPath(source), target, StringComparison.Ordinal))
            throw new CliException($"--out must name a new file, not the damaged store itself ({source})");
        if (File.Exists(target) || Directory.Exists(target))
            throw new CliException($"{target} already exists: repair never overwrites a file; name a new one with --out");

        var salvage = PortfolioStore.Salvage(source);
        var warnings = new List<Warning>();
        var recovered = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var built = false;
        try
        {
            using (var store = SyncCommand.OpenStore(target, env))
            {
                var run = store.StartRun();
                var results = new List<AccountRunResult>();
                foreach (var group in salvage.Records.GroupBy(r => (r.Account, r.Stream)))
                {
                    long inserted = 0, unmapped = 0;
                    foreach (var chunk in group.Chunk(PageSize))
                    {
                        ct.ThrowIfCancellationRequested();
                        var page = chunk.Select(r => RawRemapper.ToPageRecord(r, warnings)).ToList();
                        var result = store.CommitPage(new PageCommit(group.Key.Account, group.Key.Stream, run.Id, page));
                        inserted += result.Inserted;
                        unmapped += result.Unmapped;
                    }
                    recovered[group.Key.Account + "/" + group.Key.Stream] = inserted;
                    results.Add(new AccountRunResult(group.Key.Account, inserted, 0, 0, unmapped, null));
                }
                var lost = LostCounts(salvage, recovered);
                var complete = salvage.Opened && salvage.Damage.Count == 0 && lost.Values.All(n => n == 0);
                store.FinishRun(run.Id, complete ? RunStatus.Succeeded : RunStatus.Partial, results,
                    complete ? [] : [$"repaired from the damaged store {source}: run 'portfoliosync sync --full' to fetch what was lost"]);
            }
            built = true;
        }
        finally
        {
            if (!built) DeleteStore(target);
        }

        var lostCounts = LostCounts(salvage, recovered);
        var output = env.Out;
        output.WriteLine($"repair of {source} into {target}");
        output.WriteLine("account/stream: recovered raw records (the damaged store counted; lost)");
        foreach (var key in recovered.Keys.Union(salvage.Expected.Keys).Distinct().OrderBy(k => k, StringComparer.Ordinal))
        {
            var got = recovered.GetValueOrDefault(key);
            var counted = salvage.Expected.TryGetValue(key, out var n) ? n.ToString("N0", CultureInfo.InvariantCulture) : "unknown";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {key}: {got:N0} recovered ({counted} counted; {lostCounts.GetValueOrDefault(key):N0} lost)"));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ledger: {recovered.Values.Sum():N0} raw records mapped again ({warnings.Count:N0} mapping warnings); balances, prices and runs are fetched again by the next sync"));
        foreach (var d in salvage.Damage.Take(MaxListed)) output.WriteLine($"  damaged: {d}");
        if (salvage.Damage.Count > MaxListed)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  … and {salvage.Damage.Count - MaxListed:N0} more damaged documents"));
        var allRecovered = salvage.Opened && salvage.Damage.Count == 0 && lostCounts.Values.All(v => v == 0);
        if (allRecovered)
        {
            output.WriteLine($"every raw record was recovered. Next: 'portfoliosync --store {target} sync --full', then use {target} as the store.");
            return Task.FromResult(ExitCode.Ok);
        }
        env.Error.WriteLine($"error: the store {source} is damaged and not everything could be read (listed above). " +
            $"Run 'portfoliosync --store {target} sync --full' to fetch the lost records from Bitstamp, then use {target} as the store " +
            "(or restore a backup: see docs/store.md).");
        return Task.FromResult(ExitCode.StoreDamaged);
    }

    // Per account/stream: what the damaged store counted minus what was recovered (never below zero).
    private static Dictionary<string, long> LostCounts(SalvageResult salvage, IReadOnlyDictionary<string, long> recovered) =>
        salvage.Expected.ToDictionary(e => e.Key, e => Math.Max(0, e.Value - recovered.GetValueOrDefault(e.Key)), StringComparer.Ordinal);

    private static void DeleteStore(string path)
    {
        foreach (var file in new[] { path, Path.ChangeExtension(path, null) + "-log" + Path.GetExtension(path) })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // best effort: the message already names the failure
            }
        }
    }
}

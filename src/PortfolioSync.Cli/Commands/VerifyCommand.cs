using System.CommandLine;
using System.Globalization;
using PortfolioSync.Cli.Hosting;

namespace PortfolioSync.Cli.Commands;

/// <summary>
/// <c>verify</c>: the store's integrity (every raw record mapped exactly once or flagged, no orphans or duplicates,
/// versions, counts, cursors, ledger sums, schema). Holds the sync lock meanwhile, so a running sync cannot show up as
/// a false problem. Exit 0 when clean, 1 when problems were found.
/// </summary>
public sealed class VerifyCommand : CliCommand<VerifySettings>
{
    public VerifyCommand() =>
        Definition = new Command("verify", "Check the store's integrity: every record mapped once, no duplicates, counts, cursors, schema");

    public override Command Definition { get; }

    public override Bound<VerifySettings> Bind(ParseResult parse, CliEnvironment env) =>
        new OptionBinder(parse).Result(() => new VerifySettings());

    public override Task<ExitCode> RunAsync(VerifySettings settings, CommandContext context, CancellationToken ct)
    {
        var config = context.LoadConfig();
        if (!File.Exists(config.StorePath))
            throw new CliException($"no store at {config.StorePath}: run `portfoliosync sync` first (or point --store at the store file)");
        // The lock keeps a sync out meanwhile; a store this user cannot write needs none (no sync can write it either).
        var readOnly = !CanWrite(config.StorePath);
        using var acquired = readOnly ? null : StoreAccess.AcquireLock(config.StorePath, context.Env);
        (List<Store.StoreProblem> Problems, long Records, long Remapped, int Entries, int Schema) read;
        try
        {
            // A damaged document stops LiteDB's own reads with one of many exception types; those are listed below.
            if (!Store.StoreFaults.TryRead(() => Check(config.StorePath, context), out read, out var failed))
            {
                if (Store.StoreFaults.Classify(config.StorePath, failed) is { Failure: Store.StoreFailure.Damaged } damage)
                    throw ListDamage(context, config.StorePath, damage);
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failed);
            }
        }
        catch (Store.StoreException e) when (e.Failure == Store.StoreFailure.Damaged)
        {
            throw ListDamage(context, config.StorePath, e);
        }
        var (problems, records, remapped, entries, schema) = read;

        if (problems.Count == 0)
        {
            context.Env.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"store ok: {records:N0} raw records, {entries:N0} ledger entries ({remapped:N0} mapped again, all equal), schema {schema} ({config.StorePath})"));
            return Task.FromResult(ExitCode.Ok);
        }
        foreach (var p in problems) context.Env.Out.WriteLine(p.ToString());
        context.Env.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"error: {problems.Count} integrity problem(s) in {config.StorePath}. A full sync ('portfoliosync sync --full') repairs mapping and cursor problems; otherwise restore a backup."));
        return Task.FromResult(ExitCode.Unexpected);
    }

    private static (List<Store.StoreProblem>, long, long, int, int) Check(string storePath, CommandContext context)
    {
        using var store = StoreAccess.OpenForReading(storePath, context.Env);
        var problems = store.Verify().ToList();
        // Every mapped raw record (API rows and imported CSV rows alike) mapped again and compared with its entry.
        var (remap, remapped) = Sync.MappingVerifier.Verify(store);
        problems.AddRange(remap);
        return (problems, store.CountRecords().Sum(c => c.Records), remapped, store.CountLedger(), store.StoredSchemaVersion);
    }

    /// <summary>Damage stops LiteDB's own reads: every document is read on its own and each one that fails is listed.</summary>
    private static CliException ListDamage(CommandContext context, string storePath, Store.StoreException damage)
    {
        var salvage = Store.PortfolioStore.Salvage(storePath);
        var damaged = salvage.AllDamage.ToList();
        foreach (var line in damaged) context.Env.Out.WriteLine("damaged: " + line);
        // Every document reads on its own, yet the whole-store checks failed: the damage is in LiteDB's own structures
        // (a collection's page list, free-space lists, a secondary index) that no single document read touches.
        if (damaged.Count == 0)
            context.Env.Out.WriteLine($"damaged: the store's own structures (every document reads on its own, but reading them together fails: {damage.InnerException?.GetType().Name ?? "LiteDB"}: {damage.InnerException?.Message ?? damage.Message})");
        context.Env.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"readable: {salvage.Raw.Count:N0} raw records, {salvage.Prices.Count:N0} daily candles; unreadable: {damaged.Count:N0} document(s) or range(s) (listed above)"));
        return new CliException(damage.Message, ExitCode.StoreDamaged, damage);
    }

    private static bool CanWrite(string storePath)
    {
        var folder = Path.GetDirectoryName(storePath)!;
        var probe = Path.Combine(folder, $".portfoliosync-write-probe-{Environment.ProcessId}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose)) { }
            return (File.GetAttributes(storePath) & FileAttributes.ReadOnly) == 0;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        catch (IOException e) when (Store.StoreFaults.IsReadOnly(e))
        {
            return false;
        }
    }
}

/// <summary><c>verify</c> has no options of its own (the global ones name the config and the store).</summary>
public sealed record VerifySettings;

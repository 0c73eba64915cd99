using System.CommandLine;
using System.Globalization;
using System.Text;
using PortfolioSync.Bitstamp.Csv;
using PortfolioSync.Cli.Hosting;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Store;

namespace PortfolioSync.Cli.Commands;

/// <summary>
/// <c>import bitstamp-csv FILE --account NAME [--accept-ambiguous keep|skip]</c>: reads a Bitstamp transaction export
/// (either format), keeps every row raw under the stream <c>csv:&lt;file name&gt;</c> and adds the events the store does
/// not have yet, all in ONE store transaction. Bad input (exit 2) and an ambiguous overlap without
/// <c>--accept-ambiguous</c> (exit 2) leave the store as it was. Importing the same file again adds nothing.
/// </summary>
public sealed class ImportCommand : CliCommand<ImportSettings>
{
    private readonly Command _csv;
    private readonly Argument<string> _file = new("FILE") { Description = "The CSV export downloaded from Bitstamp (either format)" };
    private readonly Option<string> _account = new("--account") { Description = "The account (main or subaccount) the export belongs to", Required = true };
    private readonly Option<string?> _ambiguous = new("--accept-ambiguous")
    {
        Description = "What to do with rows that match more than one stored event: keep (import them as new) or skip (treat as present)",
    };

    public ImportCommand()
    {
        _ambiguous.AcceptOnlyFromAmong("keep", "skip");
        _csv = new Command("bitstamp-csv", "Import a Bitstamp CSV transaction export into an account (idempotent; overlaps with synced records are recognised)");
        _csv.Arguments.Add(_file);
        _csv.Options.Add(_account);
        _csv.Options.Add(_ambiguous);
        Definition = new Command("import", "Import transaction history from files");
        Definition.Subcommands.Add(_csv);
    }

    public override Command Definition { get; }

    public override Bound<ImportSettings> Bind(ParseResult parse, CliEnvironment env)
    {
        var b = new OptionBinder(parse);
        if (b.Command != _csv)
        {
            b.Problem("say what to import: 'portfoliosync import bitstamp-csv FILE --account NAME'.");
            return b.Result<ImportSettings>(() => throw new InvalidOperationException("unreachable"));
        }
        var path = env.ExpandPath(b.Value(_file)!);
        if (!File.Exists(path)) b.Problem($"{path}: no such file");
        var account = b.Check(() => OptionText.AccountName("--account", b.Value(_account)!), "");
        var accept = b.Value(_ambiguous);
        return b.Result(() => new ImportSettings(path, account, accept));
    }

    public override Task<ExitCode> RunAsync(ImportSettings settings, CommandContext context, CancellationToken ct)
    {
        var env = context.Env;
        var (path, account, accept) = settings;
        var config = context.LoadConfig();
        // A mistyped name would file the history under an account of its own, counted beside the real one.
        if (config.Accounts.All(a => a.Name != account))
            throw new CliException($"--account: no account named '{account}' in {config.SourcePath}; the accounts are "
                + $"{string.Join(", ", config.Accounts.Select(a => a.Name))}. For history of an account with no key (a closed "
                + $"subaccount), add {{ \"name\": \"{account}\" }} to the config's accounts first (docs/csv-import.md). Nothing was imported.");

        // Everything is read and checked before the store is opened: bad input leaves it untouched.
        CsvExport export;
        try
        {
            export = BitstampCsvReader.Read(Path.GetFileName(path), File.ReadAllText(path, Encoding.UTF8));
        }
        catch (CsvImportException e)
        {
            throw new CliException($"{e.Message}. Nothing was imported.", ExitCode.Usage, e);
        }
        var stream = CsvLedgerMapper.StreamOf(path);
        var ids = CsvLedgerMapper.ExternalIds(export.Rows);
        var mapped = export.Rows.Select((row, i) => CsvLedgerMapper.Map(account, stream, row, ids[i])).ToList();

        using var acquired = StoreAccess.AcquireLock(config.StorePath, env);
        using var store = StoreAccess.OpenStore(config.StorePath, env);
        var existing = store.ReadLedger(account);
        var matches = CsvOverlapMatcher.Match(mapped.Select((m, i) => (m.Entry, export.Rows[i].Id is not null)).ToList(), existing);

        var ambiguous = matches.Select((m, i) => (Match: m, Row: export.Rows[i])).Where(x => x.Match.Status == CsvRowStatus.Ambiguous).ToList();
        if (ambiguous.Count > 0)
        {
            foreach (var (m, row) in ambiguous)
                env.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"ambiguous: {export.File} line {row.Line}: {Describe(m.Row)} matches {m.Candidates.Count} stored entries: {string.Join(", ", m.Candidates.Select(c => c.Id))}"));
            if (accept is null)
                throw new CliException(string.Create(CultureInfo.InvariantCulture,
                    $"{export.File}: {ambiguous.Count} row(s) match more than one stored event (listed above); nothing was imported. Run again with --accept-ambiguous keep (import them as new) or --accept-ambiguous skip (treat them as present)."));
        }

        var records = new List<PageRecord>(mapped.Count);
        for (var i = 0; i < mapped.Count; i++)
        {
            var row = export.Rows[i];
            var entry = mapped[i].Entry;
            var isNew = matches[i].Status switch
            {
                CsvRowStatus.New or CsvRowStatus.AlreadyImported => true,
                CsvRowStatus.Ambiguous => accept == "keep",
                _ => false,
            };
            records.Add(isNew
                ? new PageRecord(entry.ExternalId, row.Raw, entry, mapped[i].Warning?.Message)
                : PageRecord.Detail(entry.ExternalId, row.Raw));
        }

        var run = store.StartRun();
        PageCommitResult result;
        try
        {
            result = store.CommitPage(new PageCommit(account, stream, run.Id, records));
        }
        catch (LiteDB.LiteException e)
        {
            throw ImportFailed(store, run.Id, export.File, e);
        }
        catch (IOException e)
        {
            throw ImportFailed(store, run.Id, export.File, e);
        }
        var counts = Summarise(matches, accept, result);
        store.RefreshLedgerCache();
        store.FinishRun(run.Id, RunStatus.Succeeded,
            [new AccountRunResult(account, result.Inserted, result.Unchanged, result.Changed, result.Unmapped, null)], []);

        if (!context.Quiet)
        {
            env.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{export.File} ({(export.Format == CsvExportFormat.Rfc4180 ? "RFC 4180 export" : "old export")}) into account '{account}', stream {stream}:"));
            env.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  rows read {export.Rows.Count}, new {counts.New}, already present {counts.Present}, ambiguous {counts.Ambiguous}{(counts.Ambiguous > 0 ? $" ({accept})" : "")}, unknown {counts.Unknown}"));
            foreach (var w in mapped.Where(m => m.Warning is not null && IsAdded(matches, m.Entry)).Take(20))
                env.Error.WriteLine($"warning: {w.Warning!.Message}");
        }
        return Task.FromResult(ExitCode.Ok);
    }

    private static bool IsAdded(IReadOnlyList<CsvRowMatch> matches, LedgerEntry entry) =>
        matches.Any(m => ReferenceEquals(m.Row, entry) && m.Status == CsvRowStatus.New);

    private static (int New, int Present, int Ambiguous, int Unknown) Summarise(IReadOnlyList<CsvRowMatch> matches, string? accept, PageCommitResult result)
    {
        var ambiguous = matches.Count(m => m.Status == CsvRowStatus.Ambiguous);
        var present = matches.Count(m => m.Status is CsvRowStatus.AlreadyImported or CsvRowStatus.PresentById or CsvRowStatus.PresentByMatch);
        var added = matches.Count(m => m.Status == CsvRowStatus.New) + (accept == "keep" ? ambiguous : 0);
        var unknown = matches.Count(m => m.Row.Kind == EntryKind.Unknown && (m.Status == CsvRowStatus.New || (m.Status == CsvRowStatus.Ambiguous && accept == "keep")));
        _ = result;
        return (added, present, ambiguous, unknown);
    }

    private static string Describe(LedgerEntry e) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{e.Kind} {string.Join(" ", e.Legs.Select(l => l.ToString()))}{(e.Fee is { } f ? $" fee {f}" : "")} at {e.At}");

    /// <summary>The page was rolled back: the run is marked failed and the user told nothing was imported.</summary>
    private static CliException ImportFailed(PortfolioStore store, string runId, string file, Exception e)
    {
        store.FinishRun(runId, RunStatus.Failed, [], [$"import of {file} failed: {e.Message}"]);
        return new CliException($"{file}: the store could not be written ({e.Message}); nothing was imported.", ExitCode.Unexpected, e);
    }
}

/// <summary>The options of <c>import bitstamp-csv</c>, checked: the file (absolute, exists), the account (well formed)
/// and what to do with ambiguous rows (null: stop and list them; keep; skip).</summary>
public sealed record ImportSettings(string File, string Account, string? AcceptAmbiguous);

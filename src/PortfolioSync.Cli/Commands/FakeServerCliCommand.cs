using System.CommandLine;
using System.Globalization;
using PortfolioSync.Cli.Hosting;
using PortfolioSync.FakeBitstamp;

namespace PortfolioSync.Cli.Commands;

/// <summary><c>fake-server</c>: the local Bitstamp-compatible server in the foreground, or the data generator.</summary>
public sealed class FakeServerCliCommand : CliCommand<FakeServerSettings>
{
    private readonly Option<string> _data = new("--data") { Description = "Data folder to serve (see sample-data/README.md)", DefaultValueFactory = _ => "sample-data", HelpName = "DIR" };
    private readonly Option<int> _port = new("--port") { Description = "Port on 127.0.0.1; 0 picks a free one", DefaultValueFactory = _ => 5080, HelpName = "N" };
    private readonly Option<int?> _generate = new("--generate") { Description = "Generate a data folder of N user transactions instead of serving", HelpName = "N" };
    private readonly Option<int> _seed = new("--seed") { Description = "Generator seed (same seed, same data)", DefaultValueFactory = _ => 1, HelpName = "S" };
    private readonly Option<int> _accounts = new("--accounts") { Description = "Generator: number of accounts (main, dca-bot, grid-bot, bot-4, …)", DefaultValueFactory = _ => 3, HelpName = "K" };
    private readonly Option<string?> _start = new("--start") { Description = "Generator: first day, yyyy-MM-dd [default: 2023-03-01]", HelpName = "DATE" };
    private readonly Option<int?> _days = new("--days") { Description = "Generator: number of days [default: 731]", HelpName = "N" };
    private readonly Option<bool> _realistic = new("--realistic") { Description = "Generator: mix in every row form the real exchange sends (numeric type, \"None\" fees, exponent numbers, derivatives fields, ids not in time order, ETH→ETH2 staking)" };
    private readonly Option<string?> _write = new("--write") { Description = "Generator: folder to write (new or empty)", HelpName = "DIR" };
    private readonly Option<string?> _writeCsv = new("--write-csv") { Description = "Write the history (of --data, or the generated one) as both Bitstamp CSV exports into DIR instead of serving", HelpName = "DIR" };
    private readonly Option<bool> _logRequests = new("--log-requests") { Description = "Print one line per request" };

    public FakeServerCliCommand()
    {
        Definition = new Command("fake-server", "Run the local Bitstamp-compatible server (127.0.0.1, real signature checks), or generate a data folder for it");
        foreach (var o in new Option[] { _data, _port, _generate, _seed, _accounts, _start, _days, _realistic, _write, _writeCsv, _logRequests }) Definition.Options.Add(o);
    }

    public override Command Definition { get; }

    public override Bound<FakeServerSettings> Bind(ParseResult parse, CliEnvironment env)
    {
        var b = new OptionBinder(parse);
        var options = new FakeServerCommandOptions
        {
            DataDir = env.ExpandPath(b.Value(_data)!),
            Port = b.Value(_port),
            Generate = b.Value(_generate),
            Seed = b.Value(_seed),
            Accounts = b.Value(_accounts),
            Start = b.Value(_start) is { } start ? b.Check<DateOnly?>(() => ParseStart(start), null) : null,
            Days = b.Value(_days),
            Realistic = b.Value(_realistic),
            WriteDir = b.Value(_write) is { } w ? env.ExpandPath(w) : null,
            WriteCsvDir = b.Value(_writeCsv) is { } wc ? env.ExpandPath(wc) : null,
            Time = env.Time,
        };
        var logRequests = b.Value(_logRequests);
        // The ranges FakeServerCommand (and the generator) enforce one at a time, checked here all together.
        if (options.Generate is null && options.WriteCsvDir is null && options.Port is < 0 or > 65535)
            b.Problem(string.Create(CultureInfo.InvariantCulture, $"--port: {options.Port} is not a port: give 0 .. 65535 (0 picks a free one)"));
        if (options.Generate is { } records)
        {
            if (records is < 0 or > 50_000_000)
                b.Problem(string.Create(CultureInfo.InvariantCulture, $"--generate: {records} is out of range: give 0 .. 50,000,000 user transactions"));
            if (options.Accounts is < 1 or > 100)
                b.Problem(string.Create(CultureInfo.InvariantCulture, $"--accounts: {options.Accounts} is out of range: give 1 .. 100"));
            if (options.Start is { Year: < 2012 } early)
                b.Problem(string.Create(CultureInfo.InvariantCulture, $"--start: {early:yyyy-MM-dd} is too early: give 2012-01-01 or later"));
            if (options.Days is < 1 or > 20_000)
                b.Problem(string.Create(CultureInfo.InvariantCulture, $"--days: {options.Days} is out of range: give 1 .. 20,000"));
            if (options.WriteDir is not { } write)
                b.Problem("--generate needs --write DIR (the folder to write)");
            else if (Directory.Exists(write) && Directory.EnumerateFileSystemEntries(write).Any())
                b.Problem($"--write: {write} is not empty; give a new or empty folder");
        }
        return b.Result(() => new FakeServerSettings(options, logRequests));
    }

    public override async Task<ExitCode> RunAsync(FakeServerSettings settings, CommandContext context, CancellationToken ct)
    {
        var env = context.Env;
        var options = settings.LogRequests ? settings.Options with { RequestLog = env.Out } : settings.Options;
        var code = await FakeServerCommand.RunAsync(options, env.Out, env.Error, ct).ConfigureAwait(false);
        return (ExitCode)code;
    }

    private static DateOnly ParseStart(string text) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new CliException($"--start: '{text}' is not a date in the form yyyy-MM-dd (e.g. 2020-03-01)");
}

/// <summary>The options of <c>fake-server</c>, checked: what the server or the generator is given (paths absolute,
/// --start a date; the ranges are the server's to check), and whether each request is printed.</summary>
public sealed record FakeServerSettings(FakeServerCommandOptions Options, bool LogRequests);

using System.Globalization;
using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.FakeBitstamp.Generation;

namespace PortfolioSync.FakeBitstamp;

/// <summary>
/// The <c>fake-server</c> command. Serve mode prints <c>listening on http://127.0.0.1:PORT</c> first, then one
/// <c>account NAME key KEY</c> line per account, and serves until <paramref name="ct"/> is cancelled (exit 0).
/// Generate mode writes a data folder and prints one summary line. Exit 2 with one line on stderr for bad data,
/// bad options or a port that cannot be bound.
/// </summary>
public static class FakeServerCommand
{
    public static async Task<int> RunAsync(FakeServerCommandOptions options, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        return options.Generate is { } records ? await GenerateAsync(options, records, stdout, stderr)
            : options.WriteCsvDir is not null ? await WriteCsvAsync(options, stdout, stderr)
            : await ServeAsync(options, stdout, stderr, ct);
    }

    private static async Task<int> WriteCsvAsync(FakeServerCommandOptions o, TextWriter stdout, TextWriter stderr)
    {
        ServerData data;
        try
        {
            data = ServerData.Load(o.DataDir);
        }
        catch (DataFolderException e)
        {
            return await UsageAsync(stderr, e.Message);
        }
        await WriteCsvFilesAsync(data, o.WriteCsvDir!, stdout);
        return 0;
    }

    private static async Task WriteCsvFilesAsync(ServerData data, string dir, TextWriter stdout)
    {
        var files = CsvExportWriter.Write(data, dir);
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"wrote {data.RecordCount} user transactions of {data.Accounts.Count} accounts as both CSV exports ({files.Count} files) to {dir}"));
        await stdout.FlushAsync();
    }

    private static async Task<int> GenerateAsync(FakeServerCommandOptions o, int records, TextWriter stdout, TextWriter stderr)
    {
        if (string.IsNullOrWhiteSpace(o.WriteDir)) return await UsageAsync(stderr, "--generate needs --write DIR (the folder to write)");
        if (Directory.Exists(o.WriteDir) && Directory.EnumerateFileSystemEntries(o.WriteDir).Any())
            return await UsageAsync(stderr, $"{o.WriteDir} is not empty; give a new or empty folder to --write");
        var options = new GeneratorOptions { Records = records, Seed = o.Seed, Accounts = o.Accounts };
        if (o.Start is { } start) options = options with { Start = start };
        if (o.Days is { } days) options = options with { Days = days };
        if (o.Realistic) options = options with { Realistic = true };
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            return await UsageAsync(stderr, e.Message.Split(Environment.NewLine)[0]);
        }

        var data = SampleDataGenerator.Generate(options);
        data.WriteTo(o.WriteDir);
        var last = options.Start.AddDays(options.Days - 1);
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"wrote {data.RecordCount} user transactions in {data.Accounts.Count} accounts ({string.Join(", ", data.Accounts.Select(a => a.Name))}), {options.Start:yyyy-MM-dd} .. {last:yyyy-MM-dd}, seed {options.Seed}, to {o.WriteDir}"));
        if (o.WriteCsvDir is { } csv) await WriteCsvFilesAsync(data, csv, stdout);
        await stdout.FlushAsync();
        return 0;
    }

    private static async Task<int> ServeAsync(FakeServerCommandOptions o, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (o.Port is < 0 or > 65535) return await UsageAsync(stderr, "--port must be 0 .. 65535 (0 picks a free port)");
        ServerData data;
        try
        {
            data = ServerData.Load(o.DataDir);
        }
        catch (DataFolderException e)
        {
            return await UsageAsync(stderr, e.Message);
        }

        FakeBitstampServer server;
        try
        {
            server = await FakeBitstampServer.StartAsync(new FakeServerOptions(data) { Port = o.Port, Time = o.Time, Log = o.RequestLog }, ct);
        }
        catch (IOException e)
        {
            return await UsageAsync(stderr, FormattableString.Invariant($"cannot listen on 127.0.0.1:{o.Port}: {e.Message}"));
        }

        await using (server)
        {
            await stdout.WriteLineAsync(FormattableString.Invariant($"listening on http://127.0.0.1:{server.Port}"));
            foreach (var account in data.Accounts) await stdout.WriteLineAsync($"account {account.Name} key {account.Key}");
            await stdout.WriteLineAsync($"secrets: {Path.Combine(o.DataDir, "server.json")} (test credentials of this fake server); Ctrl-C stops");
            await stdout.FlushAsync(CancellationToken.None);
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C / SIGTERM: the normal way to stop.
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await server.StopAsync(grace.Token);
        }

        return 0;
    }

    private static async Task<int> UsageAsync(TextWriter stderr, string message)
    {
        await stderr.WriteLineAsync("fake-server: " + message);
        await stderr.FlushAsync();
        return 2;
    }
}

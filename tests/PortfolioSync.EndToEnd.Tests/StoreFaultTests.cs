using System.Diagnostics;
using PortfolioSync.FakeBitstamp;
using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.FakeBitstamp.Generation;
using PortfolioSync.Store;
using Xunit.Abstractions;

namespace PortfolioSync.EndToEnd.Tests;

/// <summary>
/// The real <c>portfoliosync</c> process against the faults a home machine meets (issue 13, parts of 19): a full disk
/// (a small tmpfs), a damaged or truncated store file, a read-only mount, a hung sync, signals and the time limit.
/// The mount tests need root (or user namespaces via <c>unshare</c>), as on the project's build machine.
/// </summary>
public abstract class StoreFaultFixture(ITestOutputHelper output) : IAsyncLifetime
{
    private protected ITestOutputHelper Output { get; } = output;

    private protected static readonly Lazy<ServerData> Data = new(() =>
        SampleDataGenerator.Generate(new GeneratorOptions { Records = 4000, Accounts = 2, Seed = 13 }));

    private protected FakeBitstampServer _server = null!;
    private protected readonly TempFolder _work = new();

    public async Task InitializeAsync() =>
        _server = await FakeBitstampServer.StartAsync(new FakeServerOptions(Data.Value) { Time = TimeProvider.System, RateLimit = RateLimitSettings.Unlimited }, CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _work.Dispose();
    }

    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static string? _template;

    /// <summary>
    /// Puts a store synced from <see cref="Data"/> at <paramref name="store"/>: a copy of one that
    /// <c>portfoliosync sync</c> wrote once (in-process: the sync is not what these tests are about) for all the tests
    /// of this file that start from a synced store.
    /// </summary>
    private protected async Task CopySyncedStore(string store)
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (_template is null)
            {
                var folder = Directory.CreateTempSubdirectory("psync-e2e-synced-").FullName;
                AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                {
                    try { Directory.Delete(folder, recursive: true); }
                    catch (IOException) { }
                };
                var path = Path.Combine(folder, "store.db");
                var sync = await RunInProcess(WriteConfig(path), ["sync", "--quiet"]);
                sync.ExitCode.Should().Be(0, sync.Error);
                Output.WriteLine("synced store: " + string.Join(", ", Directory.GetFiles(folder).Select(Path.GetFileName)));
                _template = path;
            }
        }
        finally
        {
            TemplateGate.Release();
        }
        Directory.CreateDirectory(Path.GetDirectoryName(store)!);
        File.Copy(_template, store);
    }

    private protected async Task<Dictionary<string, CliOutcome>> Outputs(string config, string store, string name, bool inProcess = false)
    {
        Func<string, string[], Task<CliOutcome>> run = inProcess ? RunInProcess : (c, a) => Run(c, a);
        var result = new Dictionary<string, CliOutcome>(StringComparer.Ordinal);
        result["status"] = await run(config, ["status", "--json", "--store", store]);
        result["verify"] = await run(config, ["verify", "--store", store]);
        var reportDir = Path.Combine(_work.Path, "reports-" + name);
        var report = await run(config, ["report", "--year", "2023", "--format", "csv", "--out", reportDir, "--store", store]);
        result["report"] = report with { Files = ReadReport(reportDir) };
        return result;
    }

    private protected static List<string> ReadReport(string folder) =>
        !Directory.Exists(folder) ? [] : Directory.GetFiles(folder, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => Path.GetFileName(f) + "\n" + File.ReadAllText(f)).ToList();

    private protected string WriteConfig(string store, int requestsPerSecond = 100)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(store)!);
        var config = Path.Combine(_work.Path, $"config-{Guid.NewGuid():N}.json");
        var accounts = _server.Data.Accounts.Select(a => $$"""{ "name": "{{a.Name}}", "key": "env:K_{{Env(a)}}", "secret": "env:S_{{Env(a)}}" }""");
        File.WriteAllText(config, $$"""
            { "baseCurrency": "GBP", "jurisdiction": "uk", "store": "{{store}}", "baseUrl": "{{_server.BaseUrl}}",
              "requestsPerSecond": {{requestsPerSecond}}, "accounts": [ {{string.Join(",", accounts)}} ] }
            """);
        return config;
    }

    private protected Process Start(string config, string[] args, IReadOnlyDictionary<string, string>? env = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _work.Path,
        };
        foreach (var arg in new[] { RepoPaths.CliDll }.Concat(args).Concat(["--config", config])) start.ArgumentList.Add(arg);
        foreach (var a in _server.Data.Accounts)
        {
            start.Environment[$"K_{Env(a)}"] = a.Key;
            start.Environment[$"S_{Env(a)}"] = a.Secret;
        }
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) start.Environment[k] = v;
        return Process.Start(start)!;
    }

    private protected async Task<CliOutcome> Run(string config, string[] args, IReadOnlyDictionary<string, string>? env = null)
    {
        var watch = Stopwatch.StartNew();
        using var process = Start(config, args, env);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!await WaitAsync(process, TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"portfoliosync {string.Join(' ', args)} hung");
        }
        var outcome = new CliOutcome(process.ExitCode, await stdout, await stderr, []);
        Output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s, exit {outcome.ExitCode}: portfoliosync {string.Join(' ', args)}");
        return outcome;
    }

    /// <summary>
    /// The same program run in this test process (<see cref="CliApp.RunAsync"/>, what the real process's entry point
    /// calls), with the same arguments, variables and folders as <see cref="Run"/>: for the many runs whose point is what
    /// the program does with a file, not the process around it (a separate process costs about a second of start-up and
    /// JIT each).
    /// </summary>
    private protected async Task<CliOutcome> RunInProcess(string config, string[] args)
    {
        var watch = Stopwatch.StartNew();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in _server.Data.Accounts)
        {
            variables[$"K_{Env(a)}"] = a.Key;
            variables[$"S_{Env(a)}"] = a.Secret;
        }
        // On a thread of its own that ends with the command, as a process's main thread ends with it: LiteDB 5.0.20's
        // shared mode keeps a file's named mutex on the thread of a read that failed inside it (docs/store.md), and a
        // thread's end gives it back; on a pool thread that lives on, the next command on that file would wait for it.
        var done = new TaskCompletionSource<(int Code, string Out, string Error)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try { done.SetResult(InProcessCli.RunAsync([.. args, "--config", config], _work.Path, variables).GetAwaiter().GetResult()); }
            catch (Exception e) { done.SetException(e); }   // the test sees what the program threw
        }) { IsBackground = true, Name = "portfoliosync " + args[0] };
        thread.Start();
        var (code, output, error) = await done.Task;
        var outcome = new CliOutcome(code, output, error, []);
        Output.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s, exit {outcome.ExitCode} (in-process): portfoliosync {string.Join(' ', args)}");
        return outcome;
    }

    private protected static async Task<bool> WaitAsync(Process process, TimeSpan limit)
    {
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private protected static void Signal(int pid, string signal) => Shell("kill", $"-{signal}", pid.ToString());

    private protected static void Mount(string target, string type, string? options, string? source = null)
    {
        if (type == "bind") Shell("mount", "--bind", source!, target);
        else Shell("mount", "-t", type, "-o", options!, type, target);
    }

    private protected static void Remount(string target, string options) => Shell("mount", "-o", "remount," + options, target);

    private protected static void Unmount(string target) => Shell("umount", target);

    private protected static void Shell(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)}: exit {p.ExitCode} {error} (these tests need root to mount)");
    }

    private protected static string Env(AccountData a) => a.Name.ToUpperInvariant().Replace('-', '_');

    private protected sealed record CliOutcome(int ExitCode, string Out, string Error, List<string> Files)
    {
        public string All => Out + Error;
    }
}

/// <summary>The faults of issue 13 other than damage: a full disk, a read-only mount, a hung sync and signals.</summary>
public sealed class StoreFaultTests(ITestOutputHelper output) : StoreFaultFixture(output)
{
    [Fact]
    public async Task Sync_on_a_full_disk_ends_within_seconds_with_the_message_exit_1_the_lock_free_and_a_later_run_completes_the_store()
    {
        // Both ways a disk fills: the check before a page sees it coming, and (check off) LiteDB's own write fails on
        // its background writer, which used to hang the process for good. Each on its own tmpfs, side by side.
        await Task.WhenAll(Pass(spaceCheck: true), Pass(spaceCheck: false));

        async Task Pass(bool spaceCheck)
        {
            await Task.Yield();
            var mount = Path.Combine(_work.Path, spaceCheck ? "small-checked" : "small-unchecked");
            Directory.CreateDirectory(mount);
            Mount(mount, "tmpfs", "size=2m");
            try
            {
                var store = Path.Combine(mount, "store.db");
                var config = WriteConfig(store);
                var env = spaceCheck ? null : new Dictionary<string, string> { ["PORTFOLIOSYNC_NO_SPACE_CHECK"] = "1" };
                var watch = Stopwatch.StartNew();
                var full = await Run(config, ["sync", "--quiet"], env);
                watch.Stop();
                Output.WriteLine($"space check {spaceCheck}: {watch.Elapsed.TotalSeconds:0.0} s: {full.Error}");
                full.ExitCode.Should().Be(1);
                full.Error.Should().Contain(store).And.Contain("cannot write").And.Contain("MB").And.Contain("run sync again")
                    .And.NotContain("unexpected error");
                watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(40), "a full disk ends the run within seconds (the rest is process start-up)");
                using (var probe = StoreLock.TryAcquire(store, TimeProvider.System).Lock) probe.Should().NotBeNull("the lock is released");

                // The full disk's run above is the real process (it used to hang); the later run and verify are about
                // the store, so they run in-process.
                Remount(mount, "size=64m");
                (await RunInProcess(config, ["sync", "--quiet"])).ExitCode.Should().Be(0);
                (await RunInProcess(config, ["verify"])).ExitCode.Should().Be(0);
                using var done = PortfolioStore.Open(store, new StoreOptions { Time = TimeProvider.System, ReadOnly = true });
                foreach (var account in Data.Value.Accounts)
                    done.CountLedger(account.Name).Should().Be(account.Transactions.Count, "the later run completes the store");
            }
            finally
            {
                Unmount(mount);
            }
        }
    }

    [Fact]
    public async Task A_read_only_store_is_read_by_status_report_verify_dashboard_and_export_data_and_sync_says_read_only_naming_the_path()
    {
        var folder = Path.Combine(_work.Path, "ro");
        var store = Path.Combine(folder, "store.db");
        var config = WriteConfig(store);
        await CopySyncedStore(store);
        Mount(folder, "bind", null, source: folder);
        try
        {
            Remount(folder, "bind,ro");
            File.Exists(store).Should().BeTrue();
            // The reads run in-process (what they do with the read-only file is the point); sync, refused, as a process.
            var status = await RunInProcess(config, ["status"]);
            status.ExitCode.Should().Be(0, status.Error);
            var report = await RunInProcess(config, ["report", "--year", "2023", "--format", "csv", "--out", Path.Combine(_work.Path, "ro-report")]);
            report.ExitCode.Should().Be(0, report.Error);
            report.Error.Should().Contain("as of sync run");
            (await RunInProcess(config, ["verify"])).ExitCode.Should().Be(0);
            var dashboard = await RunInProcess(config, ["dashboard", "--out", Path.Combine(_work.Path, "ro-dashboard")]);
            dashboard.ExitCode.Should().Be(0, dashboard.Error);
            File.Exists(Path.Combine(_work.Path, "ro-dashboard", "index.html")).Should().BeTrue();
            var export = await RunInProcess(config, ["export-data", "--out", Path.Combine(_work.Path, "ro-export")]);
            export.ExitCode.Should().Be(0, export.Error);
            // reports asked into the read-only folder: refused as such, not as an unexpected error
            var into = await RunInProcess(config, ["report", "--year", "2023", "--format", "csv", "--out", Path.Combine(folder, "reports")]);
            into.ExitCode.Should().Be(1, into.Error);
            into.Error.Should().Contain($"error: cannot write into {Path.Combine(folder, "reports")}: not allowed (").And.NotContain("unexpected");
            Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).Should().BeEquivalentTo(["store.db"]);

            var sync = await Run(config, ["sync", "--quiet"]);
            sync.ExitCode.Should().Be(1);
            sync.Error.Should().Contain("read-only").And.Contain(folder).And.NotContain("another sync").And.NotContain("damaged");
        }
        finally
        {
            Unmount(folder);
        }
    }

    [Fact]
    public async Task Reports_onto_a_full_disk_say_the_disk_is_full_and_leave_nothing_half_written()
    {
        var store = Path.Combine(_work.Path, "full-out", "store.db");
        var config = WriteConfig(store);
        await CopySyncedStore(store);
        var mount = Path.Combine(_work.Path, "full-out", "small");
        Directory.CreateDirectory(mount);
        Mount(mount, "tmpfs", "size=64k");
        try
        {
            var report = await RunInProcess(config, ["report", "--year", "2023", "--format", "csv,xlsx", "--out", mount]);
            var value = await RunInProcess(config, ["value", "--out", mount]);

            foreach (var result in new[] { report, value })
            {
                result.ExitCode.Should().Be(1, result.Error);
                result.Error.Should().Contain($"error: cannot write into {mount}: the disk is full (").And.Contain("free some space").And.NotContain("unexpected");
            }
            Directory.GetFileSystemEntries(mount).Should().BeEmpty("each writer puts its files in place together or not at all");
        }
        finally
        {
            Unmount(mount);
        }
    }

    [Fact]
    public async Task While_a_sync_hangs_report_refuses_naming_it_status_answers_SIGTERM_and_sync_timeout_stops_cleanly()
    {
        var store = Path.Combine(_work.Path, "hang", "store.db");
        var config = WriteConfig(store);
        await CopySyncedStore(store);

        // A sync that hangs: started (a full refetch), then stopped with SIGSTOP while it holds the lock.
        using var sync = Start(config, ["sync", "--full", "--quiet"]);
        while (StoreLock.RunningSync(store) is null && !sync.HasExited) await Task.Delay(20);
        sync.HasExited.Should().BeFalse();
        await Task.Delay(150);
        Signal(sync.Id, "STOP");
        try
        {
            // report's refusal is about the lock file, so it runs in-process; status, which must answer SIGTERM, is a process.
            var report = await RunInProcess(config, ["report", "--year", "2023", "--format", "csv", "--out", Path.Combine(_work.Path, "hang-report")]);
            report.ExitCode.Should().Be(2);
            report.Error.Should().Contain($"pid {sync.Id}").And.Contain("is writing");

            using var status = Start(config, ["status"]);
            await Task.Delay(1500);
            var watch = Stopwatch.StartNew();
            if (!status.HasExited)
            {
                // status may end on its own between the check and the signal (kill then finds no such process): that
                // answers too, as long as it has really ended.
                try { Signal(status.Id, "TERM"); }
                catch (InvalidOperationException) when (status.WaitForExit(TimeSpan.FromSeconds(5))) { }
            }
            (await WaitAsync(status, TimeSpan.FromSeconds(15))).Should().BeTrue("status answers SIGTERM");
            Output.WriteLine($"status ended {watch.Elapsed.TotalSeconds:0.0} s after SIGTERM, exit {status.ExitCode}");
        }
        finally
        {
            Signal(sync.Id, "CONT");
        }
        Signal(sync.Id, "TERM");
        (await WaitAsync(sync, TimeSpan.FromSeconds(15))).Should().BeTrue("sync answers SIGTERM");
        var stopped = await sync.StandardError.ReadToEndAsync();
        sync.ExitCode.Should().BeOneOf([130, 143], stopped);
        stopped.Should().Contain("interrupted: stopped cleanly");

        // One request a second: a full refetch of two accounts needs several requests, so it cannot finish inside 1 s.
        var slow = WriteConfig(store, requestsPerSecond: 1);
        // The time limit, the next sync, verify and report are about the store and the options: in-process.
        var limited = await RunInProcess(slow, ["sync", "--full", "--quiet", "--timeout", "1s"]);
        Output.WriteLine(limited.Error);
        limited.ExitCode.Should().Be(1);
        limited.Error.Should().Contain("time limit of 1s");
        using (var probe = StoreLock.TryAcquire(store, TimeProvider.System).Lock) probe.Should().NotBeNull("the lock is released");
        (await RunInProcess(config, ["sync", "--quiet"])).ExitCode.Should().Be(0);
        (await RunInProcess(config, ["verify"])).ExitCode.Should().Be(0);
        var after = await RunInProcess(config, ["report", "--year", "2023", "--format", "csv", "--out", Path.Combine(_work.Path, "after-report")]);
        after.ExitCode.Should().Be(0);
        after.Error.Should().Contain("as of sync run");
    }
}

/// <summary>A damaged or truncated store (its own class, so it runs beside the other fault tests).</summary>
public sealed class StoreDamageTests(ITestOutputHelper output) : StoreFaultFixture(output)
{
    [Fact]
    public async Task A_damaged_or_truncated_store_gives_the_intact_figures_or_exit_5_naming_the_file_from_every_command()
    {
        var intact = Path.Combine(_work.Path, "intact", "store.db");
        var config = WriteConfig(intact);
        await CopySyncedStore(intact);
        // The intact store's answers are the reference, so they run in-process; the damaged cases below compare with them.
        var expected = await Outputs(config, intact, "intact", inProcess: true);
        expected["report"].ExitCode.Should().Be(0);

        var bytes = await File.ReadAllBytesAsync(intact);
        var random = new Random(1313);
        var cases = new List<(string Name, byte[] Content)>();
        for (var i = 0; i < 4; i++)
        {
            var copy = (byte[])bytes.Clone();
            var offset = random.Next(8192, bytes.Length - 64);
            for (var j = 0; j < 64; j++) copy[offset + j] ^= 0x5A;
            cases.Add(($"flip@{offset}", copy));
        }
        cases.Add(("truncated", bytes[..(bytes.Length / 2)]));

        // The first case runs the three reads of the damaged file as real processes (the installed program's exit codes
        // and messages); everything else runs the same program in-process (CliApp.RunAsync, what the process's entry
        // point calls), since its point is what the program does with each damaged file. Two cases at a time.
        using var lanes = new SemaphoreSlim(2);
        await Task.WhenAll(cases.Select(async (c, i) =>
        {
            await lanes.WaitAsync();
            try
            {
                await Case(c.Name, c.Content, inProcess: i > 0);
            }
            finally
            {
                lanes.Release();
            }
        }));

        async Task Case(string name, byte[] content, bool inProcess)
        {
            var damaged = Path.Combine(_work.Path, name.Replace('@', '-'), "store.db");
            Directory.CreateDirectory(Path.GetDirectoryName(damaged)!);
            await File.WriteAllBytesAsync(damaged, content);
            var got = await Outputs(config, damaged, name.Replace('@', '-'), inProcess);
            foreach (var (command, result) in got)
            {
                Output.WriteLine($"{name} {command}: exit {result.ExitCode} {result.Error.Split('\n')[0]}");
                result.All.Should().NotContain("unexpected error", $"{name} {command}");
                if (result.ExitCode == 5)
                {
                    result.Error.Should().Contain($"the store {damaged} is damaged").And.Contain("Recovery");
                    // verify reads every document on its own and lists each damaged one
                    if (command == "verify") result.Out.Should().Contain("damaged: ").And.Contain("readable: ");
                    continue;
                }
                if (command == "verify" && result.ExitCode == 1)
                {
                    // Damage that reads without error but changed what verify checks (a document with no checksum of
                    // its own, such as a maintained sum or count): verify's checks list it (exit 1), never silent.
                    Output.WriteLine(result.Out);
                    result.Error.Should().Contain($"integrity problem(s) in {damaged}");
                    result.Out.Should().NotBeNullOrWhiteSpace("each problem is listed");
                    continue;
                }
                result.ExitCode.Should().Be(expected[command].ExitCode, $"{name} {command}: identical to the intact store's, exit 5, or for verify the problems its checks found");
                if (command == "report") result.Files.Should().Equal(expected[command].Files, $"{name}: the same figures");
            }

            // And repair builds a new store from what still reads (the damaged file unchanged), a full sync fetches what
            // was lost, and the reports are the intact store's
            var before = await File.ReadAllBytesAsync(damaged);
            var repaired = Path.Combine(Path.GetDirectoryName(damaged)!, "repaired.db");
            var repair = await RunInProcess(config, ["repair", "--out", repaired, "--store", damaged]);
            Output.WriteLine($"{name} repair: exit {repair.ExitCode}\n{repair.All}");
            repair.All.Should().NotContain("unexpected error", $"{name} repair");
            if (repair.ExitCode == 5)
            {
                // Not even openable: the message names the file; the documented recovery is a full sync into a new store
                repair.Error.Should().Contain($"the store {damaged} is damaged");
                File.Exists(repaired).Should().BeFalse();
            }
            else
            {
                repair.ExitCode.Should().BeOneOf([0, 3], $"{name} repair");
                repair.Out.Should().Contain("raw records recovered");
            }
            (await File.ReadAllBytesAsync(damaged)).Should().Equal(before, "repair never writes the damaged store");
            (await RunInProcess(config, ["sync", "--full", "--quiet", "--store", repaired])).ExitCode.Should().Be(0, $"{name} sync --full");
            var reportDir = Path.Combine(_work.Path, "reports-repaired-" + name.Replace('@', '-'));
            var again = await RunInProcess(config, ["report", "--year", "2023", "--format", "csv", "--out", reportDir, "--store", repaired]);
            again.ExitCode.Should().Be(expected["report"].ExitCode);
            ReadReport(reportDir).Should().Equal(expected["report"].Files, $"{name}: repair + sync --full give the intact figures");
        }
    }
}

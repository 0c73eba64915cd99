using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using PortfolioSync.Cli.Hosting;
using PortfolioSync.Cli.Tests.Reporting;
using PortfolioSync.Store;

namespace PortfolioSync.Cli.Tests;

/// <summary>How <c>status</c> lists the runs: a run cut short never shows its records as zero.</summary>
public sealed class StatusRunsTests
{
    [Fact]
    public async Task A_run_cut_short_shows_the_new_records_of_the_accounts_it_finished_and_one_that_finished_none_says_so_never_zero()
    {
        using var cli = new CliRun { Os = HostOs.Linux };
        var config = ReportFixture.Config(cli);
        var path = ReportFixture.HandWorked().WriteTo(cli.PathIn(ReportFixture.StoreRelative));
        string killed, stopped, named;
        using (var store = PortfolioStore.Open(path, new StoreOptions { Time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T02:00:00Z", CultureInfo.InvariantCulture)) }))
        {
            // What a sync killed during its second account leaves once the next run has marked it (the sync engine's
            // steps; tests/PortfolioSync.Sync.Tests/InterruptedRunTests.cs runs them), and one stopped before any account finished.
            killed = store.StartRun().Id;
            var cut = store.RecordAccountResult(killed, new AccountRunResult("main", 1234, 5, 0, 1, null));
            store.FinishRun(killed, RunStatus.Failed, cut.Accounts, ["interrupted: the process ended before the run finished (what it committed is kept)"]);
            stopped = store.StartRun().Id;
            store.FinishRun(stopped, RunStatus.Failed, [], ["interrupted"]);
            // An account may be called "interrupted": its error starts with its name, and the run was not cut short.
            named = store.StartRun().Id;
            store.FinishRun(named, RunStatus.Partial, [new AccountRunResult("interrupted", 7, 0, 0, 0, "the API key or secret was not accepted")],
                ["interrupted: the API key or secret was not accepted"]);
        }
        foreach (var name in new[] { "MAIN_KEY", "MAIN_SECRET", "BOT_KEY", "BOT_SECRET" }) cli.Variables[name] = name.ToLowerInvariant() + "0123456789abcdef";

        var status = await cli.RunAsync("status", "--config", config);

        status.Out.Should().Contain($"run {killed}: failed, started 2026-11-25T02:00:00Z, 1234 new records in the accounts it finished (main); interrupted: the process ended")
            .And.Contain($"run {stopped}: failed, started 2026-11-25T02:00:00Z, new records not counted (no account finished); interrupted")
            .And.Contain($"run {named}: partial, started 2026-11-25T02:00:00Z, 7 new records; interrupted: the API key")
            .And.MatchRegex(@"run 20261124T020000\.0000000Z: succeeded, started 2026-11-24T02:00:00Z, \d+ new records\r?\n", "a finished run is counted as before");
    }
}

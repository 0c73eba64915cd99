using PortfolioSync.Domain.Warnings;
using PortfolioSync.FakeBitstamp.Generation;
using PortfolioSync.Store;

namespace PortfolioSync.Sync.Tests;

/// <summary>A run cut short (SIGKILL, power cut) after some of its accounts finished: the store says what they added.</summary>
public sealed class InterruptedRunTests
{
    [Fact]
    public async Task A_run_that_dies_after_its_first_account_keeps_that_accounts_counts_and_the_next_run_marks_it_interrupted()
    {
        var data = SampleDataGenerator.Generate(new GeneratorOptions { Records = 1500, Accounts = 3, Seed = 78 });
        await using var h = await SyncHarness.StartAsync(data);
        var dies = new DiesWhenTheSecondAccountStarts();

        // Nothing after the throw runs, in the engine or the store: what a killed process leaves.
        var cutShort = () => h.SyncAsync(progress: dies);
        await cutShort.Should().ThrowAsync<ProcessDied>();

        var finished = dies.Finished.Should().ContainSingle().Subject;
        var stored = h.WithStore(s => (Run: s.ListRuns(1).Single(), Raw: s.ReadRaw(finished.Account, StreamNames.UserTransactions).Count));
        stored.Run.Status.Should().Be(RunStatus.Running, "nothing marked it yet");
        stored.Run.Accounts.Should().ContainSingle().Which.Should().Be(
            new AccountRunResult(finished.Account, finished.Inserted, finished.Unchanged, finished.Changed, finished.Unmapped, null));
        finished.Inserted.Should().Be(stored.Raw, "every record of that account was new").And.BeGreaterThan(0);

        var next = await h.SyncAsync();

        next.AllSucceeded.Should().BeTrue();
        next.Accounts.Single(a => a.Account == finished.Account).Inserted.Should().Be(0, "the run cut short stored them");
        var marked = h.WithStore(s => s.ListRuns(2))[1];
        marked.Id.Should().Be(stored.Run.Id);
        marked.Status.Should().Be(RunStatus.Failed);
        marked.Interrupted.Should().BeTrue();
        marked.Errors.Should().ContainSingle().Which.Should().StartWith("interrupted: the process ended before the run finished");
        marked.Accounts.Should().Equal(stored.Run.Accounts);
    }

    private sealed class ProcessDied : Exception;

    private sealed class DiesWhenTheSecondAccountStarts : ISyncProgress
    {
        private int _started;
        public List<AccountSyncResult> Finished { get; } = [];

        public void AccountStarted(string account)
        {
            if (Interlocked.Increment(ref _started) >= 2) throw new ProcessDied();   // and every account after it
        }

        public void PageCommitted(PageProgress page) { }
        public void Warning(Warning warning) { }
        public void AccountFinished(AccountSyncResult result) => Finished.Add(result);
    }
}

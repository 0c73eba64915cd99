using PortfolioSync.Store.CrashProbe;
using Xunit.Abstractions;

namespace PortfolioSync.Store.Tests;

public sealed class CrashSafetyTests(ITestOutputHelper output) : IDisposable
{
    private const int Pages = 40;
    private const int PageSize = 500;
    private readonly TempStore _crashed = new();
    private readonly TempStore _baseline = new();

    public void Dispose()
    {
        _crashed.Dispose();
        _baseline.Dispose();
    }

    [Fact]
    public async Task A_writer_killed_with_SIGKILL_at_seeded_points_resumes_to_the_same_store_as_an_uninterrupted_run()
    {
        // The uninterrupted run writes its own file beside the killed ones (it shares nothing with them).
        var baseline = Task.Run(() =>
        {
            using var store = _baseline.Open();
            for (var i = 0; i < Pages; i++) store.CommitPage(ProbePages.Page(i, PageSize, "probe-run"));
        });
        var random = new Random(20261124);
        var kills = 0;
        var cycles = 0;
        while (true)
        {
            cycles++;
            // Step by step, so that the kill point is counted in pages: the probe starts a page only when let.
            using var child = ProbeProcess.Start("commit", _crashed.FilePath, Pages.ToString(), PageSize.ToString(), "step");
            var done = false;
            if (kills < 12)
            {
                // Let it commit 0-2 pages, then kill it somewhere inside the next page (building it or committing it).
                for (var n = random.Next(0, 3); n > 0 && !done; n--)
                {
                    child.Go();
                    done = child.ReadLine() is "done" or null;
                }
                if (!done)
                {
                    child.Go();
                    Thread.Sleep(random.Next(0, 40));
                    child.Kill();
                    kills++;
                    AssertOnlyWholePages();
                    continue;
                }
            }
            child.CloseInput();   // the last run goes on freely to the end
            while (child.ReadLine() is { } line) done |= line == "done";
            child.WaitForExit().Should().Be(0);
            done.Should().BeTrue();
            break;
        }
        output.WriteLine($"{kills} kills in {cycles} runs");
        kills.Should().BeGreaterThanOrEqualTo(10);

        await baseline;

        Export(_crashed).Should().Be(Export(_baseline));
        using var crashed = _crashed.Open();
        crashed.Verify().Should().BeEmpty();
        crashed.CountRecords().Single().Records.Should().Be(Pages * PageSize);
    }

    [Fact]
    public void Another_process_reads_consistent_counts_while_a_writer_commits()
    {
        using var child = ProbeProcess.Start("commit", _crashed.FilePath, "30", "200");
        var reads = 0;
        using (var reader = _crashed.Open())
        {
            while (!child.HasExited || reads == 0)
            {
                var counts = reader.CountRecords().SingleOrDefault();
                var cursor = reader.GetCursor(ProbePages.Account, ProbePages.Stream);
                if (counts is not null)
                {
                    (counts.Records % 200).Should().Be(0, "a reader never sees part of a page");
                    (cursor!.LastExternalId!.Value % 200).Should().Be(0);
                }
                reads++;
            }
        }
        child.WaitForExit().Should().Be(0);
        output.WriteLine($"{reads} reads during the writes");
        using var store = _crashed.Open();
        store.CountRecords().Single().Records.Should().Be(30 * 200);
        store.Verify().Should().BeEmpty();
    }

    private void AssertOnlyWholePages()
    {
        using var store = _crashed.Open();
        store.Verify().Should().BeEmpty();
        var cursor = store.GetCursor(ProbePages.Account, ProbePages.Stream);
        var last = cursor?.LastExternalId ?? 0;
        (last % PageSize).Should().Be(0, "a page is committed whole or not at all");
        var counts = store.CountRecords().SingleOrDefault();
        (counts?.Records ?? 0).Should().Be(last, "every record up to the cursor is stored, none after it");
        store.ReadRaw(ProbePages.Account, ProbePages.Stream).Select(r => r.ExternalId).Should().Equal(Enumerable.Range(1, (int)last).Select(i => (long)i));
    }

    private static string Export(TempStore temp)
    {
        using var store = temp.Open();
        var w = new StringWriter();
        store.CanonicalExport(w);
        return w.ToString();
    }
}

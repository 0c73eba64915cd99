namespace PortfolioSync.Store.Tests;

public sealed class StoreLockTests : IDisposable
{
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_second_acquirer_is_refused_until_the_first_releases()
    {
        using (var first = StoreLock.TryAcquire(_temp.FilePath, _temp.Clock).Lock!)
        {
            var second = StoreLock.TryAcquire(_temp.FilePath, _temp.Clock);

            second.Acquired.Should().BeFalse();
            second.HeldBy!.ProcessId.Should().Be(Environment.ProcessId);
            second.Message.Should().StartWith($"another sync (pid {Environment.ProcessId}, started ").And.Contain(".lock");
        }

        using var third = StoreLock.TryAcquire(_temp.FilePath, _temp.Clock).Lock;
        third.Should().NotBeNull();
    }

    [Fact]
    public void Another_process_holding_the_lock_refuses_this_one_and_releases_it_on_exit()
    {
        using var child = ProbeProcess.Start("hold-lock", _temp.FilePath);
        child.ReadLine().Should().Be("locked");

        var refused = StoreLock.TryAcquire(_temp.FilePath, _temp.Clock);
        refused.Acquired.Should().BeFalse();
        refused.HeldBy!.ProcessId.Should().Be(child.Id);
        refused.Message.Should().Contain($"pid {child.Id}");

        child.CloseInput();
        child.WaitForExit().Should().Be(0);
        var after = StoreLock.TryAcquire(_temp.FilePath, _temp.Clock);
        using var held = after.Lock;
        after.Acquired.Should().BeTrue();
        after.TookOverFrom.Should().BeNull();
    }

    [Fact]
    public void A_lock_left_by_a_killed_process_is_taken_over_and_said_so()
    {
        using var child = ProbeProcess.Start("hold-lock", _temp.FilePath);
        child.ReadLine().Should().Be("locked");
        child.Kill();

        var result = StoreLock.TryAcquire(_temp.FilePath, _temp.Clock);
        using var held = result.Lock;

        result.Acquired.Should().BeTrue();
        result.TookOverFrom!.ProcessId.Should().Be(child.Id);
        result.Message.Should().Contain($"stale lock left by pid {child.Id}");
    }

    [Fact]
    public void This_process_holding_the_lock_refuses_a_child()
    {
        using var held = StoreLock.TryAcquire(_temp.FilePath, _temp.Clock).Lock!;
        using var child = ProbeProcess.Start("hold-lock", _temp.FilePath);

        child.ReadLine().Should().StartWith($"refused: another sync (pid {Environment.ProcessId}");
        child.CloseInput();
        child.WaitForExit().Should().Be(2);
    }

    [Fact]
    public void A_recorded_owner_that_is_still_alive_keeps_the_lock_even_without_the_os_lock()
    {
        // Simulates a file system without working locks: the owner file names a live process (this one's parent
        // test host would do; use this process) while the lock file itself is free.
        using (StoreLock.TryAcquire(_temp.FilePath, _temp.Clock).Lock) { }
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        var started = NodaTime.Instant.FromDateTimeUtc(self.StartTime.ToUniversalTime());
        using var child = ProbeProcess.Start("hold-lock", _temp.FilePath);
        child.ReadLine().Should().Be("locked");
        child.CloseInput();
        child.WaitForExit();
        File.WriteAllText(StoreLock.LockPathFor(_temp.FilePath) + ".owner",
            $"pid={Environment.ProcessId} started={NodaTime.Text.InstantPattern.ExtendedIso.Format(started)} acquired=2026-11-24T02:00:00Z\n");

        using var probe = ProbeProcess.Start("hold-lock", _temp.FilePath);
        probe.ReadLine().Should().StartWith($"refused: another sync (pid {Environment.ProcessId}");
        probe.CloseInput();
    }
}

using System.Collections.Concurrent;
using PortfolioSync.Store;

namespace PortfolioSync.Sync;

/// <summary>
/// Owns the store for a run: every store call runs, in submission order, on one dedicated thread. LiteDB
/// transactions belong to the thread that began them and a store instance is not for concurrent use, so fetching and
/// mapping (on the thread pool) overlap with committing (here) without ever sharing the store. At most
/// <c>capacity</c> calls wait at once, which bounds the pages held in memory.
/// </summary>
internal sealed class StoreWorker : IDisposable
{
    private readonly PortfolioStore _store;
    private readonly BlockingCollection<Action> _queue = new();
    private readonly SemaphoreSlim _slots;
    private readonly Thread _thread;

    public StoreWorker(PortfolioStore store, int capacity)
    {
        _store = store;
        _slots = new SemaphoreSlim(capacity, capacity);
        _thread = new Thread(Loop) { IsBackground = true, Name = "portfoliosync-store" };
        _thread.Start();
    }

    /// <summary>How long a call may go on after the store saw a write error before it is given up as hung.</summary>
    internal static TimeSpan HungAfterWriteFault { get; set; } = TimeSpan.FromSeconds(3);

    private volatile StoreException? _stuck;

    /// <summary>A store call hung after a write error (LiteDB waits forever for its failed writer): every later call
    /// fails at once with the write error, and <see cref="Dispose"/> does not wait for the thread.</summary>
    public bool IsStuck => _stuck is not null;

    public async Task<T> RunAsync<T>(Func<PortfolioStore, T> work, CancellationToken ct)
    {
        if (_stuck is { } stuck) throw stuck;
        await _slots.WaitAsync(ct).ConfigureAwait(false);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add(() =>
        {
            try
            {
                done.SetResult(work(_store));
            }
            catch (Exception e)   // handed to the awaiting caller, which sees it as if it had called the store itself
            {
                done.SetException(e);
            }
            finally
            {
                _slots.Release();
            }
        }, CancellationToken.None);
        // Watch for a write error the store saw without this call ending: LiteDB 5.0.20's background writer keeps the
        // error to itself and its flush then waits forever (at 0 % CPU, holding the store). Give up on the call.
        long? faultSeen = null;   // a monotonic timestamp: a watchdog, not logic
        while (!done.Task.IsCompleted)
        {
            await Task.WhenAny(done.Task, Task.Delay(100, CancellationToken.None)).ConfigureAwait(false);
            if (done.Task.IsCompleted) break;
            if (_stuck is { } other) throw other;
            if (_store.WriteFault is null) continue;
            faultSeen ??= System.Diagnostics.Stopwatch.GetTimestamp();
            if (System.Diagnostics.Stopwatch.GetElapsedTime(faultSeen.Value) < HungAfterWriteFault) continue;
            var error = _store.DescribeWriteFault()!;
            _store.IsStuckAfterWriteFault = true;
            _stuck = error;
            throw error;
        }
        return await done.Task.ConfigureAwait(false);
    }

    public Task RunAsync(Action<PortfolioStore> work, CancellationToken ct) =>
        RunAsync(s => { work(s); return true; }, ct);

    private void Loop()
    {
        foreach (var work in _queue.GetConsumingEnumerable()) work();
    }

    /// <summary>Lets queued work finish, then stops the thread.</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        if (_stuck is not null) return;   // the thread waits inside LiteDB for good; it is a background thread
        _thread.Join();
        _queue.Dispose();
        _slots.Dispose();
    }
}

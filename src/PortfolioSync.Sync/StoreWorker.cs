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

    public async Task<T> RunAsync<T>(Func<PortfolioStore, T> work, CancellationToken ct)
    {
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
        _thread.Join();
        _queue.Dispose();
        _slots.Dispose();
    }
}

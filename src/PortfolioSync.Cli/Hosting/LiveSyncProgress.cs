using System.Collections.Concurrent;
using System.Globalization;
using PortfolioSync.Domain.Warnings;
using PortfolioSync.Sync;
using Spectre.Console;

namespace PortfolioSync.Cli.Hosting;

/// <summary>Progress on a terminal: one live line per account (records so far, pages, warnings). Thread-safe.</summary>
public sealed class LiveSyncProgress(ProgressContext context) : ISyncProgress
{
    private readonly ConcurrentDictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
    private int _warnings;

    public void AccountStarted(string account) => Task(account);

    public void PageCommitted(PageProgress p)
    {
        var task = Task(p.Account);
        task.Description = p.Account == "prices"
            ? Markup.Escape($"prices: {p.Stream} ({p.TotalRecords.ToString("N0", CultureInfo.InvariantCulture)} candles)")
            : Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{p.Account}: {p.TotalRecords:N0} {p.Stream}, page {p.Number}"));
        task.Increment(0.5);
    }

    public void Warning(Warning warning) => Interlocked.Increment(ref _warnings);

    /// <summary>Shows what the account waits for on its own line ("main: Connection refused …; waiting 4 s before retry 2 of 20").</summary>
    public void Waiting(string what)
    {
        var colon = what.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) return;
        Task(what[..colon]).Description = Markup.Escape(what);
    }

    public void AccountFinished(AccountSyncResult r)
    {
        var task = Task(r.Account);
        task.Description = Markup.Escape(r.Succeeded
            ? string.Create(CultureInfo.InvariantCulture, $"{r.Account}: {r.Fetched:N0} records, {r.Inserted:N0} new")
            : $"{r.Account}: failed");
        task.IsIndeterminate = false;
        task.Value = task.MaxValue;
        task.StopTask();
    }

    public int Warnings => Volatile.Read(ref _warnings);

    /// <summary>Marks a line that is not an account (prices) as done with its own text.</summary>
    public void Finish(string name, string text)
    {
        if (!_tasks.TryGetValue(name, out var task)) return;
        task.Description = Markup.Escape(text);
        task.IsIndeterminate = false;
        task.Value = task.MaxValue;
        task.StopTask();
    }

    private ProgressTask Task(string account) => _tasks.GetOrAdd(account, a =>
    {
        var t = context.AddTask(Markup.Escape(a), maxValue: 100);
        t.IsIndeterminate = true;
        return t;
    });
}

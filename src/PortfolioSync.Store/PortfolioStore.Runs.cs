using LiteDB;
using NodaTime;
using NodaTime.Text;
using PortfolioSync.Store.Bson;
using N = PortfolioSync.Store.Bson.Names;

namespace PortfolioSync.Store;

public sealed partial class PortfolioStore
{
    private static readonly InstantPattern RunIdPattern = InstantPattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss.fffffff'Z'");

    /// <summary>Records the start of a sync run (status <see cref="RunStatus.Running"/>). Its id is the start time
    /// (<c>20240501T020000.0000000Z</c>, made unique), so ids sort in start order.</summary>
    public RunRecord StartRun()
    {
        var started = Now();
        return InTransaction(() =>
        {
            var id = RunIdPattern.Format(started);
            for (var n = 2; _runs.FindById(id) is not null; n++)
                id = Invariant($"{RunIdPattern.Format(started)}-{n}");
            var run = new RunRecord(id, started, null, RunStatus.Running, [], []);
            _runs.Insert(RunDocument(run));
            return run;
        });
    }

    /// <summary>Records how a run ended. <paramref name="errors"/> are user-facing messages and must carry no secret.</summary>
    /// <exception cref="ArgumentException">No run has this id.</exception>
    public RunRecord FinishRun(string runId, RunStatus status, IReadOnlyList<AccountRunResult> accounts, IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(errors);
        var finished = Now();
        return InTransaction(() =>
        {
            var doc = _runs.FindById(runId) ?? throw new ArgumentException($"no run '{runId}' in the store", nameof(runId));
            var run = ToRun(doc) with { Finished = finished, Status = status, Accounts = accounts, Errors = errors };
            _runs.Update(RunDocument(run));
            return run;
        });
    }

    /// <summary>
    /// Records what a run did for one account as soon as that account is done (replacing an earlier result of the same
    /// account), so that a run cut short later, during another account or the prices, still says what its finished
    /// accounts added. <see cref="FinishRun"/> writes the whole list again at the end.
    /// </summary>
    /// <exception cref="ArgumentException">No run has this id.</exception>
    public RunRecord RecordAccountResult(string runId, AccountRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return InTransaction(() =>
        {
            var doc = _runs.FindById(runId) ?? throw new ArgumentException($"no run '{runId}' in the store", nameof(runId));
            var run = ToRun(doc);
            run = run with { Accounts = [.. run.Accounts.Where(a => a.Account != result.Account), result] };
            _runs.Update(RunDocument(run));
            return run;
        });
    }

    /// <summary>The last <paramref name="count"/> runs, newest first.</summary>
    public IReadOnlyList<RunRecord> ListRuns(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ThrowIfDisposed();
        return _runs.Find(Query.All(N.Id, Query.Descending), limit: count).Select(ToRun).ToList();
    }

    private static BsonDocument RunDocument(RunRecord r) => new()
    {
        [N.Id] = r.Id,
        ["started"] = Ticks.Of(r.Started),
        ["finished"] = Ticks.Of(r.Finished),
        ["status"] = r.Status.ToString(),
        ["accounts"] = new BsonArray(r.Accounts.Select(a => new BsonDocument
        {
            [N.Account] = a.Account,
            ["inserted"] = a.Inserted,
            ["unchanged"] = a.Unchanged,
            ["changed"] = a.Changed,
            [N.Unmapped] = a.Unmapped,
            ["error"] = Ticks.Nullable(a.Error),
        })),
        ["errors"] = new BsonArray(r.Errors.Select(e => new BsonValue(e))),
    };

    private static RunRecord ToRun(BsonDocument d) => new(
        d[N.Id].AsString,
        Ticks.ToInstant(d["started"]),
        Ticks.ToNullableInstant(d["finished"]),
        Enum.Parse<RunStatus>(d["status"].AsString),
        d["accounts"].AsArray.Select(a => new AccountRunResult(a[N.Account].AsString, a["inserted"].AsInt64,
            a["unchanged"].AsInt64, a["changed"].AsInt64, a[N.Unmapped].AsInt64, Ticks.ToNullableString(a["error"]))).ToList(),
        d["errors"].AsArray.Select(e => e.AsString).ToList());
}

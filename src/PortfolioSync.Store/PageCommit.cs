namespace PortfolioSync.Store;

/// <summary>
/// One fetched page of one account and stream, committed by <see cref="PortfolioStore.CommitPage"/> in a single
/// LiteDB transaction: its raw records, their ledger entries, the flags of records that could not be mapped, and the
/// stream's cursor.
/// </summary>
/// <param name="Account">Account name (no <c>/</c>, <c>#</c>).</param>
/// <param name="Stream">Stream name, e.g. <c>user_transactions</c> (no <c>/</c>, <c>#</c>).</param>
/// <param name="RunId">The run that fetched the page (<see cref="PortfolioStore.StartRun"/>).</param>
/// <param name="Records">The page's records in any order; may be empty (a no-op page still moves the cursor).</param>
/// <param name="Cursor">The cursor to store. Null: advance it to the newest stored record of the stream.</param>
/// <param name="SameContent">
/// Whether a stored record's JSON and a re-fetched one's mean the same (the source's own canonical comparison, e.g.
/// <c>0</c> vs <c>"0.0"</c> or keys in another order). When it says so the record is unchanged: no new version, no
/// warning, the stored text stays. Null: texts are compared exactly.
/// </param>
public sealed record PageCommit(
    string Account,
    string Stream,
    string RunId,
    IReadOnlyList<PageRecord> Records,
    PageCursor? Cursor = null,
    Func<string, string, bool>? SameContent = null)
{
    public string Account { get; } = RawKey.Name(Account, nameof(Account));
    public string Stream { get; } = RawKey.Name(Stream, nameof(Stream));
    public string RunId { get; } = string.IsNullOrWhiteSpace(RunId) ? throw new ArgumentException("must not be empty", nameof(RunId)) : RunId;
    public IReadOnlyList<PageRecord> Records { get; } = Records ?? throw new ArgumentNullException(nameof(Records));
}

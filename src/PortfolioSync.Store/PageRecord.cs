using PortfolioSync.Domain.Ledger;

namespace PortfolioSync.Store;

/// <summary>
/// One record of a fetched page: its raw JSON exactly as received and what the mapper made of it.
/// Either <see cref="Entry"/> is set (mapped exactly once), or <see cref="Problem"/> says why it could not be mapped
/// (the raw is still kept, flagged, and reported as a warning). A mapped record may carry a <see cref="Problem"/> too
/// (for example an <see cref="EntryKind.Unknown"/> entry); it is then listed with the flagged records.
/// </summary>
/// <param name="ExternalId">The exchange's record id (the last part of the raw key).</param>
/// <param name="Json">The record's JSON text, stored and read back byte for byte (as a .NET string).</param>
/// <param name="Entry">The mapped entry; its <see cref="LedgerEntry.SourceKey"/> must be this record's raw key and its
/// <see cref="LedgerEntry.Account"/> the page's account.</param>
/// <param name="Problem">Why the record is unmapped or suspicious; required when <paramref name="Entry"/> is null.</param>
public sealed record PageRecord(long ExternalId, string Json, LedgerEntry? Entry, string? Problem = null)
{
    public string Json { get; } = Json ?? throw new ArgumentNullException(nameof(Json));

    public string? Problem { get; } = Entry is null && string.IsNullOrWhiteSpace(Problem)
        ? throw new ArgumentException("an unmapped record needs a problem text", nameof(Problem))
        : Problem;

    public static PageRecord Mapped(LedgerEntry entry, string json) => new(entry.ExternalId, json, entry);

    public static PageRecord Unmapped(long externalId, string json, string problem) => new(externalId, json, null, problem);
}

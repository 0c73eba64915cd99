namespace PortfolioSync.Store;

/// <summary>What a <see cref="PortfolioStore.CommitPage"/> did. Every record of the page is counted once in exactly one
/// of <see cref="Inserted"/>, <see cref="Unchanged"/> and <see cref="Changed"/>.</summary>
/// <param name="Inserted">Records new to the store.</param>
/// <param name="Unchanged">Records already stored with byte-identical JSON (nothing written for the raw record).</param>
/// <param name="Changed">Records stored before with different JSON: the old version was kept and the new one became current.</param>
/// <param name="Unmapped">Records of the page stored without a ledger entry (flagged with their problem).</param>
/// <param name="Remapped">Unchanged records whose ledger mapping differed from the stored one and was replaced.</param>
/// <param name="ChangedKeys">Raw keys of the changed records, for the <c>changed-record</c> warning.</param>
public sealed record PageCommitResult(
    int Inserted,
    int Unchanged,
    int Changed,
    int Unmapped,
    int Remapped,
    IReadOnlyList<string> ChangedKeys);

namespace PortfolioSync.Bitstamp.Csv;

/// <summary>What an imported row is, next to what the store already holds.</summary>
public enum CsvRowStatus
{
    /// <summary>An event the store does not have: it becomes a ledger entry.</summary>
    New,

    /// <summary>This very row was imported before (same file stream and id): nothing changes.</summary>
    AlreadyImported,

    /// <summary>An entry with the row's <c>ID</c> is already in the ledger (synced from the API or imported from another file).</summary>
    PresentById,

    /// <summary>Exactly one entry agrees in account, kind, legs, fee and minute: the same event.</summary>
    PresentByMatch,

    /// <summary>The row agrees with several entries (or several rows with a different number of entries): not guessed.</summary>
    Ambiguous,
}

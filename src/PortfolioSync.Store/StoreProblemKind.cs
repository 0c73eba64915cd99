namespace PortfolioSync.Store;

/// <summary>Kinds of integrity problems <see cref="PortfolioStore.Verify"/> reports.</summary>
public enum StoreProblemKind
{
    /// <summary>The schema version or an index is not what this version expects.</summary>
    Schema,
    /// <summary>A document whose key does not match its fields (this is how a record could be stored twice).</summary>
    BadKey,
    /// <summary>A raw record with neither a ledger entry nor an unmapped flag.</summary>
    NotMapped,
    /// <summary>A raw record whose ledger entry is missing or belongs to another record.</summary>
    MissingEntry,
    /// <summary>More than one ledger entry claims the same raw record.</summary>
    MappedTwice,
    /// <summary>A ledger entry whose raw source record is not stored.</summary>
    OrphanEntry,
    /// <summary>The unmapped/flag listing disagrees with the raw records.</summary>
    Flag,
    /// <summary>A superseded version without its current record, or version numbers out of sequence.</summary>
    Version,
    /// <summary>A cursor ahead of or behind the newest stored record, or stream counts that disagree with the data.</summary>
    Cursor,
    /// <summary>A document that cannot be read (a damaged ledger entry body, a field of the wrong type).</summary>
    Unreadable,
    /// <summary>A maintained ledger sum (per account and asset) that disagrees with the ledger.</summary>
    Sums,

    /// <summary>A raw record no longer maps to its stored ledger entry (or cannot be read again): checked by the
    /// sync layer's <c>MappingVerifier</c>, which knows the mappers (API records and imported CSV rows).</summary>
    Remap,
}

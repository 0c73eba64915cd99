using PortfolioSync.Domain.Ledger;

namespace PortfolioSync.Bitstamp.Csv;

/// <summary>The decision for one row: its status and, when it is already present or ambiguous, the entries it agrees with.</summary>
public sealed record CsvRowMatch(LedgerEntry Row, CsvRowStatus Status, IReadOnlyList<LedgerEntry> Candidates);

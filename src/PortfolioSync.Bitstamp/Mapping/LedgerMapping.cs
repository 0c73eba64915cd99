using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Warnings;

namespace PortfolioSync.Bitstamp.Mapping;

/// <summary>The entry one raw record maps to, and the warning it raised, if any.</summary>
public sealed record LedgerMapping(LedgerEntry Entry, Warning? Warning);

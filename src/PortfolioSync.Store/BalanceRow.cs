using PortfolioSync.Domain;

namespace PortfolioSync.Store;

/// <summary>One asset's balance as the exchange reported it. Quantities are never rounded.</summary>
public sealed record BalanceRow(Asset Asset, decimal Total, decimal Available, decimal Reserved);

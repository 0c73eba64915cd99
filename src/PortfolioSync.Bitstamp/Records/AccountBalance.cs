using PortfolioSync.Domain;

namespace PortfolioSync.Bitstamp.Records;

/// <summary>One row of <c>account_balances/</c>: amounts of <see cref="Currency"/> on the key's account.</summary>
/// <param name="Total">Available plus reserved.</param>
/// <param name="Reserved">Held by open orders or pending withdrawals.</param>
public sealed record AccountBalance(Asset Currency, decimal Total, decimal Available, decimal Reserved);

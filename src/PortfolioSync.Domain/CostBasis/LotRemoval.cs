using NodaTime;

namespace PortfolioSync.Domain.CostBasis;

/// <summary>
/// Tokens that paid a fee when <see cref="CostBasisOptions.CryptoFeesAreDisposals"/> is off: they left the pool
/// without a disposal, taking <see cref="Cost"/> with them.
/// </summary>
public sealed record LotRemoval(string EntryId, string Account, string Pool, Asset Asset, Instant At, decimal Quantity, decimal Cost);

using NodaTime;
using PortfolioSync.Domain;

namespace PortfolioSync.Reports.Model;

/// <summary>One line of <c>allocation-YYYY-MM-DD.csv</c>: a lot of the universal pool given to an account at the
/// date of scope <c>per-account-from</c> (our rules-based allocation under Rev. Proc. 2024-28).</summary>
/// <param name="Cost">Null when part of the lot's cost is unknown.</param>
public sealed record AllocationRow(LocalDate Date, Asset Asset, string Account, string LotId, Instant? AcquiredAt, decimal Quantity, decimal? Cost);

using PortfolioSync.Domain.CostBasis;
using NodaTime;
using PortfolioSync.Domain;

namespace PortfolioSync.Reports.Model;

/// <summary>
/// One matched lot of one disposal (a disposal matched against three lots is three rows). Money is in the report's
/// base currency and unrounded.
/// </summary>
/// <param name="DisposalId">Identifies the disposal; rows of one disposal share it.</param>
/// <param name="Quantity">Quantity of <paramref name="Asset"/> taken from this lot; positive.</param>
/// <param name="Proceeds">Value received for <paramref name="Quantity"/> before disposal fees; never negative.</param>
/// <param name="Cost">Allowable acquisition cost of the matched quantity, acquisition fees included; never negative
/// (zero for a lot with unknown cost basis).</param>
/// <param name="Fees">Disposal fees allocated to this lot; never negative. Subtracted in <see cref="Gain"/>.</param>
/// <param name="AcquiredAt">When the lot was acquired; null when unknown (a shortfall or a pooled average).</param>
/// <param name="LotId">The engine's id of the lot; null when there is none (e.g. a pool).</param>
/// <param name="Term">US holding period; null when the jurisdiction has none.</param>
public sealed record DisposalRow(
    string DisposalId,
    string Account,
    Asset Asset,
    Instant DisposedAt,
    decimal Quantity,
    decimal Proceeds,
    decimal Cost,
    decimal Fees,
    Instant? AcquiredAt,
    string? LotId,
    MatchRule MatchRule,
    HoldingTerm? Term)
{
    public string DisposalId { get; } = RowCheck.NotBlank(DisposalId, nameof(DisposalId));
    public string Account { get; } = RowCheck.NotBlank(Account, nameof(Account));
    public decimal Quantity { get; } = RowCheck.Positive(Quantity, nameof(Quantity));
    public decimal Proceeds { get; } = RowCheck.NotNegative(Proceeds, nameof(Proceeds));
    public decimal Cost { get; } = RowCheck.NotNegative(Cost, nameof(Cost));
    public decimal Fees { get; } = RowCheck.NotNegative(Fees, nameof(Fees));

    /// <summary><c>Proceeds − Cost − Fees</c>, unrounded; negative for a loss.</summary>
    public decimal Gain => Proceeds - Cost - Fees;
}

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

    /// <summary><c>Proceeds − Cost − Fees</c>, unrounded; negative for a loss. Meaningful only when
    /// <see cref="GainKnown"/>.</summary>
    public decimal Gain => Proceeds - Cost - Fees;

    /// <summary>False when no price valued what was received: <see cref="Proceeds"/> is shown empty, never 0.</summary>
    public bool ProceedsKnown { get; init; } = true;

    /// <summary>False when a fee of the disposal had no price: <see cref="Fees"/> is shown empty.</summary>
    public bool FeesKnown { get; init; } = true;

    /// <summary>What is uncertain about <see cref="Cost"/>: unknown (shown empty) or a zero-cost deposit (flagged).</summary>
    public CostFlags CostFlags { get; init; }

    public bool CostKnown => (CostFlags & CostFlags.Unknown) == 0;

    /// <summary>True when proceeds, cost and fees are all known, so <see cref="Gain"/> is a figure.</summary>
    public bool GainKnown => ProceedsKnown && FeesKnown && CostKnown;

    /// <summary>The figures as shown: null (an empty cell) where unknown, never zero.</summary>
    public decimal? ShownProceeds => ProceedsKnown ? Proceeds : null;

    public decimal? ShownCost => CostKnown ? Cost : null;

    public decimal? ShownFees => FeesKnown ? Fees : null;

    public decimal? ShownGain => GainKnown ? Gain : null;

    /// <summary>
    /// The <c>note</c> column: what a reader must know about this row's figures, as kebab-case words separated by
    /// spaces: <c>proceeds-unknown</c>, <c>fees-unknown</c>, <c>cost-unknown</c> (no price, or sold more than held),
    /// <c>zero-cost-deposit</c> (matched with coins from outside taken at zero cost: give their cost in
    /// manual-costs.csv). Null when there is nothing to say.
    /// </summary>
    public string? Note
    {
        get
        {
            var words = new List<string>(3);
            if (!ProceedsKnown) words.Add("proceeds-unknown");
            if (!FeesKnown) words.Add("fees-unknown");
            if (!CostKnown) words.Add("cost-unknown");
            if ((CostFlags & CostFlags.ZeroCostDeposit) != 0) words.Add("zero-cost-deposit");
            return words.Count == 0 ? null : string.Join(' ', words);
        }
    }
}

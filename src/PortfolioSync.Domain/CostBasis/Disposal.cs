using NodaTime;
using PortfolioSync.Domain.Tax;

namespace PortfolioSync.Domain.CostBasis;

/// <summary>
/// One disposal and the lots it was matched with. All money is in the base currency at full precision:
/// <see cref="Proceeds"/> is the gross value received, <see cref="Fees"/> the allowable disposal fees, and
/// <see cref="Gain"/> = <see cref="Proceeds"/> − <see cref="Fees"/> − <see cref="Cost"/> (negative for a loss).
/// Under the UK method all disposals of an asset on one day (in one pool) are one disposal.
/// </summary>
/// <param name="Id"><c>{entry id}/{asset}</c> (<c>…/fee</c> for a fee), or <c>uk:{pool}:{asset}:{date}</c>.</param>
/// <param name="EntryId">The (first) ledger entry.</param>
/// <param name="EntryIds">Every ledger entry merged into this disposal, in ledger order.</param>
/// <param name="Account">The account; for a UK day merged across accounts, the accounts joined by <c>+</c>.</param>
/// <param name="Pool">The pool matched against: the account, or <c>universal</c>.</param>
/// <param name="At">When (the first entry's instant).</param>
/// <param name="Date">The date of <paramref name="At"/> in the configured zone.</param>
public sealed record Disposal(
    string Id,
    string EntryId,
    IReadOnlyList<string> EntryIds,
    string Account,
    string Pool,
    Asset Asset,
    DisposalKind Kind,
    Instant At,
    LocalDate Date,
    TaxYear TaxYear,
    decimal Quantity,
    decimal Proceeds,
    decimal Fees,
    decimal Cost,
    decimal Gain,
    IReadOnlyList<MatchedLot> Lots)
{
    /// <summary>Proceeds less fees: what DESIGN.md calls "disposal proceeds = value received − fees".</summary>
    public decimal NetProceeds => Proceeds - Fees;

    /// <summary>False when no price valued what was received: <see cref="Proceeds"/> (0) and <see cref="Gain"/> are
    /// unknown, never to be shown as figures.</summary>
    public bool ProceedsKnown { get; init; } = true;

    /// <summary>False when no price valued a fee of the disposal: <see cref="Fees"/> and <see cref="Gain"/> are incomplete.</summary>
    public bool FeesKnown { get; init; } = true;

    /// <summary>False when the cost of a matched lot could not be valued (or the disposal ran short of lots).</summary>
    public bool CostKnown => Lots.All(l => l.CostKnown);

    /// <summary>True when proceeds, fees and cost are all known, so <see cref="Gain"/> is a figure.</summary>
    public bool GainKnown => ProceedsKnown && FeesKnown && CostKnown;
}

using NodaTime;
using PortfolioSync.Domain;

namespace PortfolioSync.Reports.Model;

/// <summary>
/// One row in the style of IRS Form 8949 (one per matched lot). Dates are in the report's zone. Disposal fees are
/// a negative adjustment with code <c>E</c> (column g), so <c>Gain = Proceeds − Cost + Adjustment</c>. Unrounded.
/// </summary>
/// <param name="Description">Column (a): quantity and asset, e.g. <c>0.5 BTC</c>.</param>
/// <param name="DateAcquired">Column (b); null when unknown.</param>
/// <param name="DateSold">Column (c).</param>
/// <param name="Proceeds">Column (d): sales price before fees.</param>
/// <param name="Cost">Column (e): cost or other basis.</param>
/// <param name="AdjustmentCode">Column (f): <c>E</c> when there were selling fees, else empty.</param>
/// <param name="Adjustment">Column (g): minus the selling fees (zero when none).</param>
/// <param name="Term">Short (Part I) or long (Part II); null when unknown.</param>
public sealed record Form8949Row(
    string Description,
    LocalDate? DateAcquired,
    LocalDate DateSold,
    decimal Proceeds,
    decimal Cost,
    string AdjustmentCode,
    decimal Adjustment,
    HoldingTerm? Term)
{
    /// <summary>Column (h): <c>Proceeds − Cost + Adjustment</c>. Meaningful only when proceeds, cost and fees are known.</summary>
    public decimal Gain => Proceeds - Cost + Adjustment;

    public bool ProceedsKnown { get; init; } = true;

    public bool CostKnown { get; init; } = true;

    public bool FeesKnown { get; init; } = true;

    /// <summary>The figures as shown: null (an empty cell) where unknown, never zero.</summary>
    public decimal? ShownProceeds => ProceedsKnown ? Proceeds : null;

    public decimal? ShownCost => CostKnown ? Cost : null;

    public decimal? ShownAdjustment => FeesKnown ? Adjustment : null;

    public decimal? ShownGain => ProceedsKnown && CostKnown && FeesKnown ? Gain : null;

    internal static Form8949Row From(DisposalRow row, DateTimeZone zone) => new(
        $"{DecimalText.Format(row.Quantity)} {row.Asset.Code}",
        row.AcquiredAt?.InZone(zone).Date,
        row.DisposedAt.InZone(zone).Date,
        row.Proceeds,
        row.Cost,
        row.Fees != 0 ? "E" : "",
        row.Fees == 0 ? 0m : -row.Fees,
        row.Term)
    {
        ProceedsKnown = row.ProceedsKnown,
        CostKnown = row.CostKnown,
        FeesKnown = row.FeesKnown,
    };
}

namespace PortfolioSync.Reports.Model;

/// <summary>
/// Disposal totals of one asset in one tax year (or of all assets: the total row). Unrounded; rounded only when
/// written.
/// </summary>
/// <param name="Asset">The asset code, or <see cref="TotalMarker"/> for the total row.</param>
/// <param name="Disposals">Number of distinct disposals (not of matched lots).</param>
/// <param name="Proceeds">Sum of <see cref="DisposalRow.Proceeds"/>.</param>
/// <param name="Costs">Sum of <see cref="DisposalRow.Cost"/>.</param>
/// <param name="Fees">Sum of <see cref="DisposalRow.Fees"/>.</param>
/// <param name="Gains">Sum of the gains of the disposals that made a gain (a disposal's gain is the sum over its lots).</param>
/// <param name="Losses">Sum of the losses of the disposals that made a loss, as a positive amount.</param>
/// <remarks>A sum that includes an unknown figure is itself unknown: the <c>Shown…</c> values are null then (an
/// empty cell, never a partial sum presented as a total), and <see cref="Incomplete"/> counts the disposals whose
/// gain is unknown. The positional sums add only the known figures (for the reader of the model, not for display).</remarks>
public sealed record SummaryRow(string Asset, int Disposals, decimal Proceeds, decimal Costs, decimal Fees, decimal Gains, decimal Losses)
{
    /// <summary>The <c>asset</c> of the total row (not a possible asset code).</summary>
    public const string TotalMarker = "*total*";

    /// <summary><c>Gains − Losses</c>, which equals <c>Proceeds − Costs − Fees</c>.</summary>
    public decimal Net => Gains - Losses;

    /// <summary>Disposals whose proceeds, cost or fees are unknown (no price, or sold more than held).</summary>
    public int Incomplete { get; init; }

    public bool ProceedsComplete { get; init; } = true;

    public bool CostsComplete { get; init; } = true;

    public bool FeesComplete { get; init; } = true;

    public decimal? ShownProceeds => ProceedsComplete ? Proceeds : null;

    public decimal? ShownCosts => CostsComplete ? Costs : null;

    public decimal? ShownFees => FeesComplete ? Fees : null;

    public decimal? ShownGains => Incomplete == 0 ? Gains : null;

    public decimal? ShownLosses => Incomplete == 0 ? Losses : null;

    public decimal? ShownNet => Incomplete == 0 ? Net : null;

    /// <summary>Per-asset rows (ordered by asset code) from disposal rows.</summary>
    internal static IReadOnlyList<SummaryRow> PerAsset(IEnumerable<DisposalRow> disposals) =>
        disposals.GroupBy(d => d.Asset)
            .OrderBy(g => g.Key)
            .Select(g => Of(g.Key.Code, g))
            .ToList();

    internal static SummaryRow Total(IEnumerable<SummaryRow> perAsset)
    {
        var rows = perAsset.ToList();
        return new SummaryRow(TotalMarker, rows.Sum(r => r.Disposals), rows.Sum(r => r.Proceeds), rows.Sum(r => r.Costs),
            rows.Sum(r => r.Fees), rows.Sum(r => r.Gains), rows.Sum(r => r.Losses))
        {
            Incomplete = rows.Sum(r => r.Incomplete),
            ProceedsComplete = rows.All(r => r.ProceedsComplete),
            CostsComplete = rows.All(r => r.CostsComplete),
            FeesComplete = rows.All(r => r.FeesComplete),
        };
    }

    private static SummaryRow Of(string asset, IEnumerable<DisposalRow> rows)
    {
        decimal proceeds = 0, costs = 0, fees = 0, gains = 0, losses = 0;
        int count = 0, incomplete = 0;
        bool proceedsComplete = true, costsComplete = true, feesComplete = true;
        foreach (var disposal in rows.GroupBy(r => r.DisposalId, StringComparer.Ordinal))
        {
            count++;
            var gain = 0m;
            var known = true;
            foreach (var lot in disposal)
            {
                if (lot.ProceedsKnown) proceeds += lot.Proceeds; else proceedsComplete = false;
                if (lot.CostKnown) costs += lot.Cost; else costsComplete = false;
                if (lot.FeesKnown) fees += lot.Fees; else feesComplete = false;
                gain += lot.Gain;
                known &= lot.GainKnown;
            }
            if (!known) incomplete++;
            else if (gain > 0) gains += gain;
            else losses -= gain;
        }
        return new SummaryRow(asset, count, proceeds, costs, fees, gains, losses)
        {
            Incomplete = incomplete,
            ProceedsComplete = proceedsComplete,
            CostsComplete = costsComplete,
            FeesComplete = feesComplete,
        };
    }
}

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
public sealed record SummaryRow(string Asset, int Disposals, decimal Proceeds, decimal Costs, decimal Fees, decimal Gains, decimal Losses)
{
    /// <summary>The <c>asset</c> of the total row (not a possible asset code).</summary>
    public const string TotalMarker = "*total*";

    /// <summary><c>Gains − Losses</c>, which equals <c>Proceeds − Costs − Fees</c>.</summary>
    public decimal Net => Gains - Losses;

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
            rows.Sum(r => r.Fees), rows.Sum(r => r.Gains), rows.Sum(r => r.Losses));
    }

    private static SummaryRow Of(string asset, IEnumerable<DisposalRow> rows)
    {
        decimal proceeds = 0, costs = 0, fees = 0, gains = 0, losses = 0;
        var count = 0;
        foreach (var disposal in rows.GroupBy(r => r.DisposalId, StringComparer.Ordinal))
        {
            count++;
            var gain = 0m;
            foreach (var lot in disposal)
            {
                proceeds += lot.Proceeds;
                costs += lot.Cost;
                fees += lot.Fees;
                gain += lot.Gain;
            }
            if (gain > 0) gains += gain;
            else losses -= gain;
        }
        return new SummaryRow(asset, count, proceeds, costs, fees, gains, losses);
    }
}

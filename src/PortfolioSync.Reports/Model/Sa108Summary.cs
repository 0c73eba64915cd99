namespace PortfolioSync.Reports.Model;

/// <summary>
/// The figures the UK Self Assessment capital gains pages (SA108, cryptoassets) ask for, for one tax year.
/// Unrounded.
/// </summary>
/// <param name="Disposals">Number of disposals (UK: all disposals of one asset on one day are one disposal, as the
/// engine identifies them).</param>
/// <param name="DisposalProceeds">Sum of proceeds before fees.</param>
/// <param name="AllowableCosts">Acquisition costs of the matched lots plus disposal fees.</param>
/// <param name="Gains">Gains in the year, before losses.</param>
/// <param name="Losses">Losses in the year, as a positive amount.</param>
public sealed record Sa108Summary(string TaxYear, int Disposals, decimal DisposalProceeds, decimal AllowableCosts, decimal Gains, decimal Losses)
{
    /// <summary><c>Gains − Losses</c>.</summary>
    public decimal Net => Gains - Losses;

    /// <summary>Disposals whose proceeds, cost or fees are unknown: the figures that include them are shown empty.</summary>
    public int Incomplete { get; init; }

    public bool ProceedsComplete { get; init; } = true;

    public bool CostsComplete { get; init; } = true;

    public decimal? ShownProceeds => ProceedsComplete ? DisposalProceeds : null;

    public decimal? ShownCosts => CostsComplete ? AllowableCosts : null;

    public decimal? ShownGains => Incomplete == 0 ? Gains : null;

    public decimal? ShownLosses => Incomplete == 0 ? Losses : null;

    public decimal? ShownNet => Incomplete == 0 ? Net : null;

    internal static Sa108Summary From(string taxYear, SummaryRow total) =>
        new(taxYear, total.Disposals, total.Proceeds, total.Costs + total.Fees, total.Gains, total.Losses)
        {
            Incomplete = total.Incomplete,
            ProceedsComplete = total.ProceedsComplete,
            CostsComplete = total.CostsComplete && total.FeesComplete,
        };
}

namespace PortfolioSync.Domain.CostBasis;

/// <summary>Fixed figures of HMRC share identification, each named once and used wherever it matters.</summary>
public static class UkRules
{
    /// <summary>
    /// The "bed and breakfast" window: a disposal is matched with acquisitions of the following 30 days
    /// (day+1 … day+30), TCGA92/S106A(5)(b), CRYPTO22256.
    /// </summary>
    public const int BedAndBreakfastDays = 30;
}

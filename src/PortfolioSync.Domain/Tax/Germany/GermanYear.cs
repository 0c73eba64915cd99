namespace PortfolioSync.Domain.Tax.Germany;

/// <summary>
/// The year's figures for Anlage SO (docs/cost-basis.md, "Germany"). Every amount is unrounded and null when a row
/// behind it is unknown (never a silent zero).
/// </summary>
/// <param name="TaxableGains">Sum of the gains of taxable rows (positive amounts).</param>
/// <param name="TaxableLosses">Sum of the losses of taxable rows, as a positive amount.</param>
/// <param name="TaxableNet">Gains − losses of the taxable rows.</param>
/// <param name="ExemptNet">Net of the rows held more than one year (not taxable, shown for completeness).</param>
/// <param name="Freigrenze">€600 for years up to 2023, €1,000 from 2024 (§23 Abs. 3 Satz 5 EStG).</param>
/// <param name="TaxableAfterFreigrenze">0 when the net is positive and below the Freigrenze; otherwise the whole net
/// (a Freigrenze, not an allowance: at or above it, all of it is taxable; a net loss stays a loss to carry).</param>
/// <param name="OtherIncome">§22 Nr. 3 EStG income of the year: staking, referral and other rewards at market value on receipt.</param>
/// <param name="OtherIncomeFreigrenze">€256 (§22 Nr. 3 Satz 2 EStG).</param>
/// <param name="OtherIncomeTaxable">0 when the income is below €256, otherwise all of it.</param>
public sealed record GermanYear(
    int Year,
    int Rows,
    int TaxableRows,
    int Incomplete,
    decimal? TaxableGains,
    decimal? TaxableLosses,
    decimal? TaxableNet,
    decimal? ExemptNet,
    decimal Freigrenze,
    decimal? TaxableAfterFreigrenze,
    decimal? OtherIncome,
    decimal OtherIncomeFreigrenze,
    decimal? OtherIncomeTaxable);

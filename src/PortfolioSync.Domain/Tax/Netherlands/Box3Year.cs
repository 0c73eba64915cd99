namespace PortfolioSync.Domain.Tax.Netherlands;

/// <summary>
/// Box 3 figures of one calendar year for what is held on the exchange (docs/cost-basis.md, "Netherlands"). EUR,
/// unrounded; null where a price is missing (never a silent zero).
/// </summary>
/// <param name="ValueAtStart">All holdings at 1 January 00:00 of the year (the peildatum).</param>
/// <param name="ValueAtEnd">All holdings at 1 January 00:00 of the next year.</param>
/// <param name="Income">Staking, referral and other rewards received in the year, at market value on receipt.</param>
/// <param name="NetInflows">Deposits from outside minus withdrawals to outside, at market value when they happened
/// (internal transfers between accounts are neither).</param>
/// <param name="ActualReturn">ValueAtEnd − ValueAtStart − NetInflows: the actual return (werkelijk rendement) of these
/// holdings for the rebuttal scheme; it already contains <see cref="Income"/>.</param>
/// <param name="DeemedRate">The deemed return rate for other assets (overige bezittingen) of the year, where known.</param>
/// <param name="DeemedReturn">ValueAtStart × DeemedRate: the deemed (forfaitair) return on these holdings.</param>
public sealed record Box3Year(
    int Year,
    decimal? ValueAtStart,
    decimal? ValueAtEnd,
    decimal? Income,
    decimal? NetInflows,
    decimal? ActualReturn,
    decimal? DeemedRate,
    decimal? DeemedReturn);

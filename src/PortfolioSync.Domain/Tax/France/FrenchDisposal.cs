using NodaTime;

namespace PortfolioSync.Domain.Tax.France;

/// <summary>
/// One taxable disposal under art. 150 VH bis CGI, computed as one column of form 2086 (docs/cost-basis.md,
/// "France"). Money in EUR (the base currency), unrounded; null where a price was missing (never a silent zero).
/// </summary>
/// <param name="PortfolioValue">V, line 212: every cryptoasset held just before the disposal, in all accounts (coins
/// withdrawn to outside included), at the close of the disposal's day.</param>
/// <param name="Price">C, line 213 (= 217, no soulte): the fiat received, before fees.</param>
/// <param name="Fees">Line 214: the disposal's fees.</param>
/// <param name="AcquisitionBefore">PTA, line 220 − 221: the portfolio's total acquisition price before this disposal
/// (net of the fractions used by earlier disposals).</param>
/// <param name="AcquisitionUsed">PTA × C / V: the fraction of the acquisition price this disposal uses (it is
/// subtracted from PTA for later disposals).</param>
/// <param name="Gain">Line 218 − PTA × line 217 / line 212 = (C − fees) − PTA × C / V; negative for a loss.</param>
public sealed record FrenchDisposal(
    string EntryId,
    string Account,
    Instant At,
    LocalDate Date,
    TaxYear TaxYear,
    Asset Asset,
    decimal Quantity,
    decimal? PortfolioValue,
    decimal? Price,
    decimal? Fees,
    decimal? AcquisitionBefore,
    decimal? AcquisitionUsed,
    decimal? Gain)
{
    /// <summary>PTA after this disposal: <see cref="AcquisitionBefore"/> − <see cref="AcquisitionUsed"/>.</summary>
    public decimal? AcquisitionAfter => AcquisitionBefore - AcquisitionUsed;

    /// <summary>Line 218: C − fees.</summary>
    public decimal? NetPrice => Price - Fees;
}

using NodaTime;

namespace PortfolioSync.Domain.Tax.Netherlands;

/// <summary>
/// What one account held of one asset (crypto or fiat) at a Box 3 reference moment, 1 January 00:00
/// Europe/Amsterdam. <see cref="Price"/> is one unit in EUR (the close of 31 December's daily candle, the last price
/// before the moment); <see cref="Value"/> is null when no price is known, never zero.
/// </summary>
/// <param name="Account">The account, or <see cref="Box3.TotalAccount"/> for the sum over all accounts.</param>
public sealed record Box3Holding(LocalDate ReferenceDate, string Account, Asset Asset, decimal Quantity, decimal? Price, decimal? Value);

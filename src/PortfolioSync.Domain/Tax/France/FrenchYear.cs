namespace PortfolioSync.Domain.Tax.France;

/// <summary>
/// The year's totals under art. 150 VH bis CGI. <see cref="Exempt"/> when the year's disposal prices total €305 or
/// less (art. 150 VH bis II); then nothing is taxable. Amounts unrounded; null where a disposal is unknown.
/// </summary>
public sealed record FrenchYear(
    int Year,
    int Disposals,
    int Incomplete,
    decimal? TotalPrices,
    decimal? Gains,
    decimal? Losses,
    decimal? Net,
    bool? Exempt,
    decimal? Taxable);

using NodaTime;
using PortfolioSync.Domain;

namespace PortfolioSync.Reports.Model;

/// <summary>The total of one day of a value series.</summary>
/// <param name="Total">Sum of the known values of the day, unrounded; null when no value of the day is known.</param>
/// <param name="ByAsset">Known value per asset, summed over accounts, unrounded.</param>
/// <param name="Unpriced">Assets held that day whose value is unknown (not in <paramref name="Total"/>).</param>
public sealed record ValueDay(
    LocalDate Date,
    decimal? Total,
    IReadOnlyDictionary<Asset, decimal> ByAsset,
    IReadOnlyList<Asset> Unpriced);

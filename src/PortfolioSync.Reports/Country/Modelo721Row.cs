using NodaTime;
using PortfolioSync.Domain;

namespace PortfolioSync.Reports.Country;

/// <summary>One cryptoasset held on the exchange at 31 December, for Modelo 721 (assets held abroad). EUR, unrounded.</summary>
public sealed record Modelo721Row(LocalDate Date, Asset Asset, decimal Quantity, decimal? Price, decimal? Value)
{
    /// <summary>Modelo 721 is due when the year-end value of all such assets exceeds €50,000 (art. 42 quater RGAT, RD 1065/2007).</summary>
    public const decimal Threshold = 50_000m;
}

using PortfolioSync.Domain;

namespace PortfolioSync.Reports.Model;

/// <summary>What one pool holds of one asset at the end of the tax year.</summary>
/// <param name="Pool">The account name under <c>per-account</c> scope, <c>universal</c> under universal scope,
/// or <c>external</c> for lots withdrawn to outside the exchange.</param>
/// <param name="Quantity">Quantity held; may be negative when more was sold than was ever acquired.</param>
/// <param name="Cost">Remaining cost basis of the held lots in the base currency, unrounded.</param>
/// <param name="Price">Price of one unit in the base currency at the end of the year; null when unknown.</param>
public sealed record HoldingRow(string Pool, Asset Asset, decimal Quantity, decimal Cost, decimal? Price)
{
    public string Pool { get; } = RowCheck.NotBlank(Pool, nameof(Pool));
    public decimal? Price { get; } = RowCheck.NotNegative(Price, nameof(Price));

    /// <summary><c>Quantity × Price</c>; null when the price is unknown (never zero for unknown).</summary>
    public decimal? MarketValue => Price * Quantity;

    /// <summary><c>MarketValue − Cost</c>; null when the market value or the cost is unknown.</summary>
    public decimal? UnrealizedGain => CostKnown ? MarketValue - Cost : null;

    /// <summary>False when part of the cost could not be valued: the cost is shown empty.</summary>
    public bool CostKnown { get; init; } = true;

    public decimal? ShownCost => CostKnown ? Cost : null;

    /// <summary><c>outside</c> for coins withdrawn from the exchange (pool <c>external…</c>), else <c>exchange</c>.</summary>
    public string Location => Pool.StartsWith("external", StringComparison.Ordinal) ? OutsideLocation : ExchangeLocation;

    public const string ExchangeLocation = "exchange";

    public const string OutsideLocation = "outside";
}

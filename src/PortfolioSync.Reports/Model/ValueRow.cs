using NodaTime;
using PortfolioSync.Domain;

namespace PortfolioSync.Reports.Model;

/// <summary>What one account held of one asset at the end of one day, and its value.</summary>
/// <param name="Date">The day (end of day in the value report's zone).</param>
/// <param name="Price">Price of one unit in the report currency (last known close when the day had none);
/// null when no price was ever known.</param>
public sealed record ValueRow(LocalDate Date, string Account, Asset Asset, decimal Quantity, decimal? Price)
{
    public string Account { get; } = RowCheck.NotBlank(Account, nameof(Account));
    public decimal? Price { get; } = RowCheck.NotNegative(Price, nameof(Price));

    /// <summary><c>Quantity × Price</c>, unrounded; null when the price is unknown.</summary>
    public decimal? Value => Price * Quantity;
}

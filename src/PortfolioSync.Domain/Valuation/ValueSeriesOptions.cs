using NodaTime;

namespace PortfolioSync.Domain.Valuation;

/// <summary>What <see cref="ValueSeries.Compute"/> values: every day From..To inclusive, in <see cref="Currency"/>.</summary>
/// <param name="Zone">Days end at midnight in this zone: the quantity of day D is the balance after every entry before
/// the start of D+1 in this zone.</param>
/// <param name="Account">Only this account; null for all.</param>
public sealed record ValueSeriesOptions(LocalDate From, LocalDate To, Asset Currency, DateTimeZone Zone, string? Account = null);

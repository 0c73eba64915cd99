using PortfolioSync.Domain.Warnings;

namespace PortfolioSync.Domain.Valuation;

/// <param name="Points">By date, then account (ordinal), then asset; zero balances left out.</param>
/// <param name="Totals">One per day From..To, even when nothing is held.</param>
/// <param name="Warnings">Gap-filled and missing prices, one per asset pair and run of consecutive days.</param>
public sealed record ValueSeriesResult(IReadOnlyList<ValuePoint> Points, IReadOnlyList<DailyTotal> Totals, IReadOnlyList<Warning> Warnings);

using NodaTime;

namespace PortfolioSync.Domain.Valuation;

/// <summary>The sum of one day's known values. <see cref="Unpriced"/> counts holdings left out for want of a price.</summary>
public sealed record DailyTotal(LocalDate Date, decimal Value, int Unpriced)
{
    public bool IsComplete => Unpriced == 0;
}

using NodaTime;

namespace PortfolioSync.Reports.Tables;

/// <summary>One line of <c>value.csv</c>: a holding, or a day's total (account <c>*total*</c>, asset empty).</summary>
internal sealed record ValueLine(LocalDate Date, string Account, string? Asset, decimal? Quantity, decimal? Price, decimal? Value)
{
    public bool IsTotal => Asset is null;
}

using NodaTime;

namespace PortfolioSync.Domain.Valuation;

/// <summary>
/// One holding at the end of one day. <see cref="Price"/> is one unit in the series currency (the close of the
/// daily candle dated <see cref="Date"/>); <see cref="Value"/> = quantity × price. Both are null when no price is
/// known, never zero; <see cref="GapFilled"/> says the close was carried forward from an earlier day.
/// </summary>
public sealed record ValuePoint(LocalDate Date, string Account, Asset Asset, decimal Quantity, decimal? Price, decimal? Value, bool GapFilled);

using NodaTime;
using PortfolioSync.Domain.CostBasis;

namespace PortfolioSync.Domain.Tax.Germany;

/// <summary>
/// One matched lot of a disposal, classified under §23 Abs. 1 Satz 1 Nr. 2 EStG: <see cref="Taxable"/> when the lot
/// was held one year or less (its disposal date, in Europe/Berlin, is on or before the same calendar date one year
/// after acquisition), exempt otherwise. A lot without an acquisition date (a shortfall) is taxable: nothing shows it
/// was held longer. Money in the base currency, unrounded.
/// </summary>
/// <param name="Costs">Acquisition cost plus the disposal fees allocated to the lot (Anschaffungskosten and
/// Werbungskosten, §23 Abs. 3 Satz 1 EStG).</param>
/// <param name="Gain">Proceeds − costs; null when a figure behind it is unknown (no price).</param>
public sealed record GermanDisposal(
    Disposal Disposal,
    MatchedLot Lot,
    LocalDate? Acquired,
    LocalDate Disposed,
    decimal? Proceeds,
    decimal? Costs,
    decimal? Gain,
    bool Taxable);

using NodaTime;

namespace PortfolioSync.Domain.CostBasis;

/// <summary>
/// One acquisition (or pool) a disposal was matched with, and its share of the disposal. Full precision;
/// <see cref="Gain"/> = <see cref="Proceeds"/> − <see cref="Fees"/> − <see cref="Cost"/> exactly.
/// </summary>
/// <param name="LotId">The acquiring entry's id and asset (<c>bitstamp:main:42/BTC</c>); for UK day matches
/// <c>uk-day:{pool}:{asset}:{date}</c>; for pools <c>s104:{pool}:{asset}</c> or <c>average:{pool}:{asset}</c>;
/// for shortfalls <c>shortfall:{disposal id}</c>.</param>
/// <param name="AcquiredAt">When the lot was acquired (for a UK day match, the day's first acquisition); null for
/// pool, average and shortfall matches.</param>
/// <param name="AcquiredDate">The date of <paramref name="AcquiredAt"/> in the configured zone.</param>
public sealed record MatchedLot(
    string LotId,
    Instant? AcquiredAt,
    LocalDate? AcquiredDate,
    decimal Quantity,
    decimal Cost,
    decimal Proceeds,
    decimal Fees,
    decimal Gain,
    MatchRule Rule,
    HoldingTerm Term);

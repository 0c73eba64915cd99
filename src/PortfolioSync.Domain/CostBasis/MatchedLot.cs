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
    HoldingTerm Term)
{
    /// <summary>What is uncertain about <see cref="Cost"/>: <see cref="CostFlags.Unknown"/> when part of it could not
    /// be valued (then <see cref="Cost"/> and <see cref="Gain"/> are not to be shown as figures),
    /// <see cref="CostFlags.ZeroCostDeposit"/> when it includes coins from outside taken at zero cost.</summary>
    public CostFlags CostFlags { get; init; }

    /// <summary>False when part of the cost could not be valued.</summary>
    public bool CostKnown => (CostFlags & CostFlags.Unknown) == 0;
}

using NodaTime;
using PortfolioSync.Domain;

namespace PortfolioSync.Reports.Model;

/// <summary>One receipt of income (staking, referral, other), valued at market value on receipt.</summary>
/// <param name="Quantity">Quantity received; positive.</param>
/// <param name="Value">Market value in the base currency at <paramref name="ReceivedAt"/>, unrounded; null when no
/// price was found (the report then carries a <c>missing-price</c> warning).</param>
/// <param name="EntryId">The ledger entry the income came from.</param>
public sealed record IncomeRow(
    Instant ReceivedAt,
    string Account,
    Asset Asset,
    decimal Quantity,
    decimal? Value,
    IncomeKind Kind,
    string EntryId)
{
    public string Account { get; } = RowCheck.NotBlank(Account, nameof(Account));
    public decimal Quantity { get; } = RowCheck.Positive(Quantity, nameof(Quantity));
    public decimal? Value { get; } = RowCheck.NotNegative(Value, nameof(Value));
    public string EntryId { get; } = RowCheck.NotBlank(EntryId, nameof(EntryId));
}

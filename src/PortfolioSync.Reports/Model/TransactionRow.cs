using NodaTime;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Ledger;

namespace PortfolioSync.Reports.Model;

/// <summary>
/// One leg of one ledger entry in <c>transactions.csv</c>: an entry with two legs is two rows. The entry's fee is
/// on its first row only (so the fee column adds up). An entry without legs (an unknown record) is one row with
/// empty leg columns.
/// </summary>
/// <param name="Leg">1-based leg number within the entry; null for an entry without legs.</param>
/// <param name="Quantity">Signed: positive entered the account, negative left it.</param>
/// <param name="Value">Value of the leg in the base currency at <paramref name="At"/>, signed like the quantity;
/// null when not valued.</param>
/// <param name="Fee">The entry's fee as charged (never negative), on the first row only.</param>
/// <param name="FeeValue">The fee's value in the base currency; null when not valued.</param>
/// <param name="ExternalId">The exchange's record id; only used to order rows as the ledger does.</param>
/// <param name="SourceKey">The raw record the entry was mapped from: the audit trail.</param>
public sealed record TransactionRow(
    string EntryId,
    string Account,
    Instant At,
    EntryKind Kind,
    int? Leg,
    Asset? Asset,
    decimal? Quantity,
    decimal? Value,
    decimal? Fee,
    Asset? FeeAsset,
    decimal? FeeValue,
    long? OrderId,
    long ExternalId,
    string SourceKey)
{
    public string EntryId { get; } = RowCheck.NotBlank(EntryId, nameof(EntryId));
    public string Account { get; } = RowCheck.NotBlank(Account, nameof(Account));
    public decimal? Fee { get; } = RowCheck.NotNegative(Fee, nameof(Fee));

    /// <summary>
    /// The rows of one ledger entry, one per leg, fee on the first row.
    /// </summary>
    /// <param name="legValues">Base-currency value of each leg (same order as <see cref="LedgerEntry.Legs"/>),
    /// or null when the entry was not valued.</param>
    /// <param name="feeValue">Base-currency value of the fee, if valued.</param>
    public static IEnumerable<TransactionRow> FromEntry(
        LedgerEntry entry, IReadOnlyList<decimal?>? legValues = null, decimal? feeValue = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (legValues is not null && legValues.Count != entry.Legs.Count)
            throw new ArgumentException(
                $"entry {entry.Id} has {entry.Legs.Count} legs but {legValues.Count} leg values were given", nameof(legValues));
        var fee = entry.Fee;
        if (entry.Legs.Count == 0)
        {
            yield return new TransactionRow(entry.Id, entry.Account, entry.At, entry.Kind, null, null, null, null,
                fee?.Amount, fee?.Asset, fee is null ? null : feeValue, entry.OrderId, entry.ExternalId, entry.SourceKey);
            yield break;
        }
        for (var i = 0; i < entry.Legs.Count; i++)
        {
            var leg = entry.Legs[i];
            var first = i == 0;
            yield return new TransactionRow(entry.Id, entry.Account, entry.At, entry.Kind, i + 1, leg.Asset, leg.Quantity,
                legValues?[i], first ? fee?.Amount : null, first ? fee?.Asset : null,
                first && fee is not null ? feeValue : null, entry.OrderId, entry.ExternalId, entry.SourceKey);
        }
    }
}

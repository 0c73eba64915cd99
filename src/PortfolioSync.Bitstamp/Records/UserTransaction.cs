using NodaTime;
using PortfolioSync.Domain;

namespace PortfolioSync.Bitstamp.Records;

/// <summary>
/// One parsed <c>user_transactions</c> row. Only what the raw record states: nothing is inferred here.
/// </summary>
/// <param name="Id">Bitstamp's transaction id (global, increasing with time).</param>
/// <param name="At">The row's <c>datetime</c>, read as UTC.</param>
/// <param name="TypeCode">The <c>type</c> code as sent (string or number in JSON); see <see cref="Type"/>.</param>
/// <param name="Fee">The <c>fee</c> as charged, in the quote currency for trades and in the moved currency otherwise.</param>
/// <param name="OrderId">The <c>order_id</c>, when present.</param>
/// <param name="Amounts">Every currency key with a non-zero amount, in document order. Signed: negative left the account.</param>
/// <param name="Rates">Every <c>base_quote</c> pair key with a non-zero rate (quote per 1 base), in document order.</param>
public sealed record UserTransaction(
    long Id,
    Instant At,
    int TypeCode,
    decimal Fee,
    long? OrderId,
    IReadOnlyList<CurrencyAmount> Amounts,
    IReadOnlyList<PairRate> Rates)
{
    /// <summary>The known type, or null for a code this version does not know.</summary>
    public TransactionType? Type => Enum.IsDefined(typeof(TransactionType), TypeCode) ? (TransactionType)TypeCode : null;

    public bool Equals(UserTransaction? other) =>
        other is not null && Id == other.Id && At == other.At && TypeCode == other.TypeCode && Fee == other.Fee
        && OrderId == other.OrderId && Amounts.SequenceEqual(other.Amounts) && Rates.SequenceEqual(other.Rates);

    public override int GetHashCode() => HashCode.Combine(Id, At, TypeCode, Fee, OrderId);
}

/// <summary>A signed amount of one currency on a row (<c>"btc":"-0.01"</c>).</summary>
public readonly record struct CurrencyAmount(Asset Asset, decimal Amount);

/// <summary>A pair key (<c>"btc_usd":64000</c>): <see cref="Rate"/> units of <see cref="Quote"/> per 1 <see cref="Base"/>.</summary>
public readonly record struct PairRate(Asset Base, Asset Quote, decimal Rate);

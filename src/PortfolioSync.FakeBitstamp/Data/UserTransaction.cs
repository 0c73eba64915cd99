using System.Text;

namespace PortfolioSync.FakeBitstamp.Data;

/// <summary>
/// One record of <c>user_transactions/</c>: its exact JSON text as stored (served byte for byte) plus the parsed
/// fields the server needs. Immutable.
/// </summary>
public sealed class UserTransaction
{
    private readonly CurrencyAmount[] amounts;

    internal UserTransaction(
        long id, DateTime dateTime, string type, decimal fee, CurrencyAmount[] amounts, MarketPair? market,
        decimal? rate, long? orderId, ReadOnlyMemory<byte> json)
    {
        Id = id;
        DateTime = dateTime;
        Type = type;
        Fee = fee;
        this.amounts = amounts;
        Market = market;
        Rate = rate;
        OrderId = orderId;
        Json = json;
    }

    /// <summary>Bitstamp's transaction id (global across accounts, increasing with time).</summary>
    public long Id { get; }

    /// <summary>UTC; microseconds kept when the record has them.</summary>
    public DateTime DateTime { get; }

    /// <summary>The type code exactly as in the JSON string (<c>"2"</c> market trade, <c>"14"</c> sub-account transfer…).</summary>
    public string Type { get; }

    /// <summary>Fee as charged, never negative; in <see cref="FeeCurrency"/>, on top of the amounts.</summary>
    public decimal Fee { get; }

    /// <summary>The non-zero currency amounts in JSON order (zero-valued unrelated keys such as <c>"eur":0.0</c> are left out).</summary>
    public IReadOnlyList<CurrencyAmount> Amounts => amounts;

    /// <summary>The market of the pair-rate key when its rate is not zero (trades, conversions); null otherwise.</summary>
    public MarketPair? Market { get; }

    /// <summary>The pair rate (price in quote per one base) when <see cref="Market"/> is set.</summary>
    public decimal? Rate { get; }

    public long? OrderId { get; }

    /// <summary>The record's JSON text exactly as stored, UTF-8.</summary>
    public ReadOnlyMemory<byte> Json { get; }

    public string JsonText => Encoding.UTF8.GetString(Json.Span);

    /// <summary>
    /// The currency the fee is charged in: the quote currency when the record has a market, otherwise its only non-zero
    /// currency; null when the fee is zero.
    /// </summary>
    public string? FeeCurrency => Fee == 0 ? null : Market?.Quote ?? (amounts.Length == 1 ? amounts[0].Currency : null);

    /// <summary>The signed amount of <paramref name="currency"/> (0 when the record has none).</summary>
    public decimal AmountOf(string currency)
    {
        foreach (var a in amounts)
            if (a.Currency == currency) return a.Amount;
        return 0m;
    }

    /// <summary>Parses and validates one record from its JSON text (the text is kept exactly).</summary>
    /// <exception cref="DataFolderException">The record is not valid; the message names the field.</exception>
    public static UserTransaction Parse(string json)
    {
        try
        {
            return new UserTransactionParser().Parse(Encoding.UTF8.GetBytes(json));
        }
        catch (RecordFormatException e)
        {
            throw e.At("<json>", null);
        }
    }

    public override string ToString() => JsonText;
}

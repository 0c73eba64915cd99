using System.Text.Json;
using PortfolioSync.Bitstamp.Records;
using PortfolioSync.Domain;

namespace PortfolioSync.Bitstamp.Json;

/// <summary>
/// Reads one <c>user_transactions</c> row (bitstamp-api.md §2, §7 and §9): ids and type as numbers or strings; amounts,
/// fee and rates as JSON strings or numbers in every form the API uses (<see cref="ApiNumber"/>: plain decimals, zeros
/// as <c>0</c>/<c>0.0</c>/<c>"0.0"</c>, exponent notation <c>8.494e-05</c>); <c>null</c>, <c>""</c> and
/// <c>"None"</c> in the fee or an amount read as 0; <c>datetime</c> with 0 or 6 fraction digits; zero currency keys and
/// zero pair keys ignored; unknown currency keys (<c>flr</c>) accepted. Extra fields are kept in the raw record and
/// ignored here: known non-currency names (<c>margin_mode</c>, <c>leverage_rate</c>…), keys whose value is a word
/// rather than a number, and <c>x_y</c> keys whose value is not numeric. A row is never refused for an odd rate or an
/// extra field; it becomes a <see cref="MalformedRecord"/> only when its id, datetime, type, fee or an amount that
/// looks numeric cannot be read.
/// </summary>
public static class UserTransactionParser
{
    private static readonly HashSet<string> NonCurrencyFields = new(StringComparer.Ordinal)
    {
        "id", "datetime", "type", "fee", "order_id", "self_trade", "self_trade_order_id", "client_order_id",
        "tid", "market", "status", "price", "amount",
        // derivatives and newer rows (bitstamp-api.md §9): never currencies or pair rates
        "margin_mode", "leverage_rate", "leverage", "position_id", "market_type", "side", "settlement_currency",
    };

    /// <summary>Parses <paramref name="rawJson"/>; never throws for bad content.</summary>
    public static RawRecord<UserTransaction> Parse(string rawJson) => RecordParsing.Parse(rawJson, Read, "id");

    internal static UserTransaction Read(RecordObject record) => ReadFields(record);

    private static UserTransaction ReadFields(RecordObject record)
    {
        var id = RecordObject.ReadLong(record.Require("id"));
        var at = RecordObject.ReadDateTime(record.Require("datetime"));
        var typeCode = RecordObject.ReadLong(record.Require("type"));
        if (typeCode > int.MaxValue) throw new RecordFieldException("type", "is out of range");
        var fee = record.Find("fee") is { } f ? RecordObject.ReadAmount(f) : 0m;
        if (fee < 0) throw new RecordFieldException("fee", "is negative");
        long? orderId = record.Find("order_id") is { IsNull: false } o ? RecordObject.ReadLong(o) : null;

        var amounts = new List<CurrencyAmount>(2);
        var rates = new List<PairRate>(1);
        foreach (var field in record.Fields)
        {
            if (NonCurrencyFields.Contains(field.Name) || field.Type is not (JsonTokenType.Number or JsonTokenType.String)) continue;
            var underscore = field.Name.IndexOf('_', StringComparison.Ordinal);
            if (underscore < 0)
            {
                if (!IsCode(field.Name) || !Asset.TryParse(field.Name, out var asset) || IsWord(field)) continue;
                var amount = RecordObject.ReadAmount(field);
                if (amount != 0m) amounts.Add(new CurrencyAmount(asset, amount));
            }
            else if (underscore == field.Name.LastIndexOf('_')
                && IsCode(field.Name[..underscore]) && IsCode(field.Name[(underscore + 1)..])
                && Asset.TryParse(field.Name[..underscore], out var @base) && Asset.TryParse(field.Name[(underscore + 1)..], out var quote))
            {
                // A pair key whose value is not a number (a derivatives field, "None") is not a rate: ignored, kept raw.
                if (field.Text is { } text && ApiNumber.TryParse(text, out var rate, out _) && rate != 0m)
                    rates.Add(new PairRate(@base, quote, rate));
            }
        }
        return new UserTransaction(id, at, (int)typeCode, fee, orderId, amounts, rates);
    }

    // "cross", "ISOLATED", "true": a word, not a malformed number (which starts with a digit, a sign or a point).
    private static bool IsWord(JsonField field) =>
        field.Type == JsonTokenType.String && !RecordObject.IsNone(field) && field.Text is { Length: > 0 } t
        && !(char.IsAsciiDigit(t[0]) || t[0] is '-' or '+' or '.');

    // Bitstamp writes currency codes in lower case; an upper-case key is not a currency key.
    private static bool IsCode(string text) =>
        text.Length is > 0 and <= 16 && text.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c));
}

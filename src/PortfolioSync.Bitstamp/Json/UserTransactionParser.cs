using System.Text.Json;
using PortfolioSync.Bitstamp.Records;
using PortfolioSync.Domain;

namespace PortfolioSync.Bitstamp.Json;

/// <summary>
/// Reads one <c>user_transactions</c> row (bitstamp-api.md §2 and §7): ids and type as numbers or strings; amounts,
/// fee and rates as JSON strings or numbers (plain decimals only, at most 18 decimals, no exponent); <c>datetime</c>
/// with 0 or 6 fraction digits; zero currency keys (<c>0</c>, <c>0.0</c>, <c>"0.0"</c>) and zero pair keys ignored;
/// unknown currency keys (<c>flr</c>) accepted. A row that breaks these rules becomes a <see cref="MalformedRecord"/>.
/// </summary>
public static class UserTransactionParser
{
    private static readonly HashSet<string> NonCurrencyFields = new(StringComparer.Ordinal)
    {
        "id", "datetime", "type", "fee", "order_id", "self_trade", "self_trade_order_id", "client_order_id",
        "tid", "market", "status", "price", "amount",
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
        var fee = record.Find("fee") is { IsNull: false } f ? RecordObject.ReadDecimal(f) : 0m;
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
                if (!IsCode(field.Name) || !Asset.TryParse(field.Name, out var asset)) continue;
                var amount = RecordObject.ReadDecimal(field);
                if (amount != 0m) amounts.Add(new CurrencyAmount(asset, amount));
            }
            else if (underscore == field.Name.LastIndexOf('_')
                && IsCode(field.Name[..underscore]) && IsCode(field.Name[(underscore + 1)..])
                && Asset.TryParse(field.Name[..underscore], out var @base) && Asset.TryParse(field.Name[(underscore + 1)..], out var quote))
            {
                var rate = RecordObject.ReadDecimal(field);
                if (rate != 0m) rates.Add(new PairRate(@base, quote, rate));
            }
        }
        return new UserTransaction(id, at, (int)typeCode, fee, orderId, amounts, rates);
    }

    // Bitstamp writes currency codes in lower case; an upper-case key is not a currency key.
    private static bool IsCode(string text) =>
        text.Length is > 0 and <= 16 && text.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c));
}

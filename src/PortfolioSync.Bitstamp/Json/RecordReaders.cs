using PortfolioSync.Bitstamp.Records;

namespace PortfolioSync.Bitstamp.Json;

/// <summary>Field-by-field readers for the records of the read endpoints other than <c>user_transactions</c>.</summary>
internal static class RecordReaders
{
    public static AccountBalance Balance(RecordObject r) => new(
        RecordObject.ReadAsset(r.Require("currency")),
        RecordObject.ReadDecimal(r.Require("total")),
        RecordObject.ReadDecimal(r.Require("available")),
        RecordObject.ReadDecimal(r.Require("reserved")));

    public static CryptoTransaction Crypto(RecordObject r) => new(
        r.Find("id") is { IsNull: false } id ? RecordObject.ReadLong(id) : null,
        RecordObject.ReadAsset(r.Require("currency")),
        r.OptionalText("network"),
        r.OptionalText("destinationAddress") ?? r.OptionalText("destination_address"),
        r.OptionalText("txid"),
        RecordObject.ReadDecimal(r.Require("amount")),
        RecordObject.ReadUnixSeconds(r.Require("datetime")),
        r.OptionalText("status"),
        r.OptionalText("pending_reason"));

    public static WithdrawalRequest Withdrawal(RecordObject r) => new(
        RecordObject.ReadLong(r.Require("id")),
        RecordObject.ReadDateTime(r.Require("datetime")),
        Int(r.Require("type")),
        RecordObject.ReadAsset(r.Require("currency")),
        r.OptionalText("network"),
        RecordObject.ReadDecimal(r.Require("amount")),
        Int(r.Require("status")),
        r.OptionalText("txid"),
        r.OptionalText("address"),
        r.OptionalText("transaction_id"));

    public static Market Market(RecordObject r) => new(
        r.OptionalText("market_symbol") ?? r.OptionalText("url_symbol") ?? throw new RecordFieldException("market_symbol", "is missing"),
        RecordObject.ReadAsset(r.Require("base_currency")),
        RecordObject.ReadAsset(r.Require("counter_currency")),
        r.OptionalText("market_type"),
        r.OptionalText("trading"));

    public static OhlcCandle Candle(RecordObject r) => new(
        RecordObject.ReadUnixSeconds(r.Require("timestamp")),
        RecordObject.ReadDecimal(r.Require("open")),
        RecordObject.ReadDecimal(r.Require("high")),
        RecordObject.ReadDecimal(r.Require("low")),
        RecordObject.ReadDecimal(r.Require("close")),
        RecordObject.ReadDecimal(r.Require("volume")));

    private static int Int(JsonField field)
    {
        var value = RecordObject.ReadLong(field);
        return value <= int.MaxValue ? (int)value : throw new RecordFieldException(field.Name, "is out of range");
    }
}

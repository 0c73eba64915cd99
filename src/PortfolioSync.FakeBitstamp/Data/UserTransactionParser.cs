using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace PortfolioSync.FakeBitstamp.Data;

/// <summary>
/// Parses one <c>user_transactions</c> record. Not thread-safe (it interns currency names and markets across records).
/// Accepts every form the real exchange sends (bitstamp-api.md §9): numbers as JSON strings or numbers, exponent
/// notation, <c>"None"</c>/<c>""</c>/<c>null</c> fees and amounts as 0, <c>type</c> as a string or a number, extra
/// fields of any value (kept in the text, ignored here) and <c>x_y</c> keys whose value is not a number.
/// </summary>
internal sealed class UserTransactionParser
{
    private readonly Dictionary<string, string> names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MarketPair> markets = new(StringComparer.Ordinal);
    private readonly List<CurrencyAmount> amounts = new(4);
    private readonly HashSet<string> seen = new(StringComparer.Ordinal);
    private readonly List<(string Key, decimal Rate)> rates = new(2);

    // Derivatives and newer rows (bitstamp-api.md §9): extra fields, never currencies or pair rates.
    private static readonly HashSet<string> ExtraFields = new(StringComparer.Ordinal)
    {
        "margin_mode", "leverage_rate", "leverage", "position_id", "market_type", "side", "settlement_currency",
        "client_order_id", "tid", "market", "status", "price", "amount",
    };

    /// <exception cref="RecordFormatException">The record is not valid.</exception>
    public UserTransaction Parse(ReadOnlyMemory<byte> json)
    {
        var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            return Parse(ref reader, json);
        }
        catch (JsonException e)
        {
            throw new RecordFormatException(null, "invalid JSON: " + e.Message);
        }
    }

    private UserTransaction Parse(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new RecordFormatException(null, "a record must be a JSON object");

        long? id = null;
        DateTime? dateTime = null;
        string? type = null;
        decimal? fee = null;
        long? orderId = null;
        string? rateKey = null;
        decimal rate = 0;
        amounts.Clear();
        rates.Clear();
        seen.Clear();

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Intern(ref reader);
            if (!seen.Add(name)) throw new RecordFormatException(name, "appears twice");
            if (!reader.Read()) throw new RecordFormatException(name, "has no value");
            switch (name)
            {
                case "id":
                    id = ReadInt64(ref reader, name);
                    if (id <= 0) throw new RecordFormatException(name, "must be a positive integer");
                    break;
                case "datetime":
                    dateTime = ReadDateTime(ref reader, name);
                    break;
                case "type":
                    type = ReadType(ref reader, name);
                    break;
                case "fee":
                    fee = IsNone(ref reader) ? 0m : ReadDecimal(ref reader, name);
                    if (fee < 0) throw new RecordFormatException(name, "must not be negative");
                    break;
                case "order_id":
                case "self_trade_order_id":
                    var value = ReadInt64(ref reader, name);
                    if (name == "order_id") orderId = value;
                    break;
                case "self_trade":
                    if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                        throw new RecordFormatException(name, "must be true or false");
                    break;
                default:
                    ReadCurrencyOrRate(ref reader, name, ref rateKey, ref rate);
                    break;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject) throw new RecordFormatException(null, "invalid JSON object");
        if (reader.Read()) throw new RecordFormatException(null, "unexpected content after the record");
        if (id is null) throw new RecordFormatException("id", "is missing");
        if (dateTime is null) throw new RecordFormatException("datetime", "is missing");
        if (type is null) throw new RecordFormatException("type", "is missing");
        if (fee is null) throw new RecordFormatException("fee", "is missing");

        ChooseRate(ref rateKey, ref rate);
        var market = rateKey is not null && rate != 0 ? Market(rateKey) : null;
        var parsedAmounts = amounts.ToArray();
        Validate(type, fee.Value, market, parsedAmounts);
        return new UserTransaction(id.Value, dateTime.Value, type, fee.Value, parsedAmounts, market,
            market is null ? null : rate, orderId, json);
    }

    private static void Validate(string type, decimal fee, MarketPair? market, CurrencyAmount[] amounts)
    {
        if (type == "2")
        {
            if (market is null)
                throw new RecordFormatException("type", "a market trade (type \"2\") needs a pair-rate key such as \"btc_usd\" with a non-zero rate");
            var baseAmount = Find(amounts, market.Base);
            var quoteAmount = Find(amounts, market.Quote);
            if (baseAmount is null) throw new RecordFormatException(market.Base, "a trade needs a non-zero amount of its base currency");
            if (quoteAmount is null) throw new RecordFormatException(market.Quote, "a trade needs a non-zero amount of its quote currency");
            if (Math.Sign(baseAmount.Value) == Math.Sign(quoteAmount.Value))
                throw new RecordFormatException(market.Quote, "a trade's quote amount must have the opposite sign of its base amount");
        }

        if (fee != 0 && market is null && amounts.Length != 1)
            throw new RecordFormatException("fee", "a non-zero fee needs a market or exactly one non-zero currency amount to say its currency");
    }

    private static decimal? Find(CurrencyAmount[] amounts, string currency)
    {
        foreach (var a in amounts)
            if (a.Currency == currency) return a.Amount;
        return null;
    }

    // Every real form is accepted (bitstamp-api.md §9): extra fields of any value are skipped (they stay in the served
    // text), "None"/""/null amounts are 0, an x_y key whose value is not a number is not a pair rate.
    private void ReadCurrencyOrRate(ref Utf8JsonReader reader, string name, ref string? rateKey, ref decimal rate)
    {
        if (ExtraFields.Contains(name) || reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray
            or JsonTokenType.True or JsonTokenType.False || IsNone(ref reader) || IsWord(ref reader))
        {
            reader.Skip();
            return;
        }

        var underscore = name.IndexOf('_', StringComparison.Ordinal);
        if (underscore < 0)
        {
            if (!IsCode(name)) return;   // an extra field with a numeric value (selfTradeId…): kept in the text, ignored
            var amount = ReadDecimal(ref reader, name);
            if (amount != 0) amounts.Add(new CurrencyAmount(name, amount));
            return;
        }

        if (!IsCode(name.AsSpan(0, underscore)) || !IsCode(name.AsSpan(underscore + 1))) return;
        var value = ReadDecimal(ref reader, name);
        if (value < 0) throw new RecordFormatException(name, "a pair rate must not be negative");
        if (value != 0) rates.Add((name, value));
    }

    // The pair key naming two of the record's currencies wins; else the first non-zero one.
    private void ChooseRate(ref string? rateKey, ref decimal rate)
    {
        if (rates.Count == 0) return;
        var chosen = rates[0];
        foreach (var candidate in rates)
        {
            var u = candidate.Key.IndexOf('_', StringComparison.Ordinal);
            if (Find(amounts.ToArray(), candidate.Key[..u]) is not null && Find(amounts.ToArray(), candidate.Key[(u + 1)..]) is not null)
            {
                chosen = candidate;
                break;
            }
        }

        rateKey = chosen.Key;
        rate = chosen.Rate;
    }

    private static bool IsNone(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null
        || reader.TokenType == JsonTokenType.String && (reader.ValueSpan.IsEmpty || reader.ValueTextEquals("None"u8) || reader.ValueTextEquals("none"u8));

    private static bool IsWord(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0
        && reader.ValueSpan[0] is not ((>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'.');

    private MarketPair Market(string rateKey)
    {
        if (!markets.TryGetValue(rateKey, out var market))
        {
            var underscore = rateKey.IndexOf('_', StringComparison.Ordinal);
            market = new MarketPair(Intern(rateKey[..underscore]), Intern(rateKey[(underscore + 1)..]));
            markets.Add(rateKey, market);
        }

        return market;
    }

    private static bool IsCode(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > 20) return false;
        foreach (var c in name)
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9'))) return false;
        return true;
    }

    private string Intern(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.ValueSpan.Length > 64) return Intern(reader.GetString()!);
        Span<char> chars = stackalloc char[64];
        var count = Encoding.UTF8.GetChars(reader.ValueSpan, chars);
        var lookup = names.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(chars[..count], out var existing)) return existing;
        var created = new string(chars[..count]);
        names.Add(created, created);
        return created;
    }

    private string Intern(string name)
    {
        if (names.TryGetValue(name, out var existing)) return existing;
        names.Add(name, name);
        return name;
    }

    private static long ReadInt64(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number)) return number;
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped
            && Utf8Parser.TryParse(reader.ValueSpan, out long parsed, out var used) && used == reader.ValueSpan.Length
            && reader.ValueSpan[0] != '+')
        {
            return parsed;
        }

        throw new RecordFormatException(field, $"{Describe(ref reader)} is not an integer");
    }

    private static DateTime ReadDateTime(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped
            && BitstampDateTime.TryParse(reader.ValueSpan, out var value))
        {
            return value;
        }

        throw new RecordFormatException(field, $"{Describe(ref reader)} is not \"YYYY-MM-DD HH:MM:SS\" or \"YYYY-MM-DD HH:MM:SS.ffffff\" (UTC)");
    }

    private string ReadType(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
            throw new RecordFormatException(field, $"{Describe(ref reader)} must be a type code such as \"2\" or 2");
        var span = reader.ValueSpan;
        if (reader.ValueIsEscaped || span.IsEmpty || span.Length > 4 || !AllDigits(span))
            throw new RecordFormatException(field, $"{Describe(ref reader)} is not a numeric type code");
        return Intern(ref reader);
    }

    /// <summary>A decimal from a JSON number or a JSON string holding a plain decimal (<c>-12.50</c>).</summary>
    internal static decimal ReadDecimal(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetDecimal(out var number)) return number;
        }
        else if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && IsPlainDecimal(reader.ValueSpan)
                 && Utf8Parser.TryParse(reader.ValueSpan, out decimal parsed, out var used) && used == reader.ValueSpan.Length)
        {
            return parsed;
        }
        else if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped
                 && decimal.TryParse(Encoding.ASCII.GetString(reader.ValueSpan), System.Globalization.NumberStyles.Float,
                     System.Globalization.CultureInfo.InvariantCulture, out var exponent))
        {
            return exponent;   // "8.494e-05", as Python writes small floats
        }

        throw new RecordFormatException(field, $"{Describe(ref reader)} is not a decimal");
    }

    private static bool IsPlainDecimal(ReadOnlySpan<byte> s)
    {
        var i = s.Length > 0 && s[0] == '-' ? 1 : 0;
        var digits = 0;
        var points = 0;
        for (; i < s.Length; i++)
        {
            if (s[i] is >= (byte)'0' and <= (byte)'9') digits++;
            else if (s[i] == '.' && points++ == 0 && digits > 0) continue;
            else return false;
        }

        return digits > 0 && s[^1] != '.' && digits <= 28;
    }

    private static bool AllDigits(ReadOnlySpan<byte> s)
    {
        foreach (var b in s)
            if (b is < (byte)'0' or > (byte)'9') return false;
        return true;
    }

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => "\"" + Shorten(reader.GetString() ?? "") + "\"",
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => reader.TokenType.ToString(),
    };

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}

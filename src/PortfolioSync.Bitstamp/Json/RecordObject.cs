using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using PortfolioSync.Domain;

namespace PortfolioSync.Bitstamp.Json;

/// <summary>
/// The top-level properties of one record object in document order, with strict typed readers that accept what
/// Bitstamp really sends (numbers as JSON strings or numbers) and refuse the rest with a
/// <see cref="RecordFieldException"/> naming the field.
/// </summary>
internal sealed class RecordObject
{
    private static readonly LocalDateTimePattern Seconds = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm':'ss");
    private static readonly LocalDateTimePattern Micros = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm':'ss'.'ffffff");

    private RecordObject(List<JsonField> fields) => Fields = fields;

    public IReadOnlyList<JsonField> Fields { get; }

    /// <summary>Reads the properties of the object in <paramref name="rawJson"/>.</summary>
    /// <exception cref="RecordFieldException">The text is not a JSON object.</exception>
    public static RecordObject Parse(string rawJson)
    {
        var utf8 = Encoding.UTF8.GetBytes(rawJson);
        var reader = new Utf8JsonReader(utf8);
        var fields = new List<JsonField>(16);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new RecordFieldException("(record)", $"expected a JSON object, found {reader.TokenType}");
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString()!;
                reader.Read();
                string? text = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                    JsonTokenType.True => "true",
                    JsonTokenType.False => "false",
                    _ => null,
                };
                fields.Add(new JsonField(name, reader.TokenType, text));
                reader.Skip();
            }
        }
        catch (JsonException e)
        {
            throw new RecordFieldException("(record)", "not valid JSON: " + e.Message);
        }
        catch (InvalidOperationException e)   // GetString on invalid UTF-8 or escapes
        {
            throw new RecordFieldException("(record)", "unreadable text: " + e.Message);
        }
        return new RecordObject(fields);
    }

    public JsonField? Find(string name)
    {
        foreach (var field in Fields)
            if (field.Name == name) return field;
        return null;
    }

    public JsonField Require(string name) =>
        Find(name) is { IsNull: false } field ? field : throw new RecordFieldException(name, "is missing");

    /// <summary>An integer id or code written as a JSON number or a string of digits (no sign, no fraction).</summary>
    public static long ReadLong(JsonField field)
    {
        if (field.Type is JsonTokenType.Number or JsonTokenType.String && field.Text is { Length: > 0 and <= 19 } t
            && t.All(char.IsAsciiDigit) && long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return value;
        throw new RecordFieldException(field.Name, $"'{Shorten(field.Text)}' is not a whole number");
    }

    /// <summary>A decimal written as a JSON string or number in any form the API uses (see <see cref="ApiNumber"/>).</summary>
    public static decimal ReadDecimal(JsonField field)
    {
        if (field.Type is not (JsonTokenType.Number or JsonTokenType.String) || field.Text is null)
            throw new RecordFieldException(field.Name, $"expected a number or a numeric string, found {field.Type}");
        if (ApiNumber.TryParse(field.Text, out var value, out var problem)) return value;
        throw new RecordFieldException(field.Name, $"'{Shorten(field.Text)}' {problem}");
    }

    /// <summary>
    /// A fee or an amount: as <see cref="ReadDecimal"/>, and <c>null</c>, <c>""</c> and <c>"None"</c> (Python's
    /// null as text, seen in real rows) read as 0, as XChange and JKorf map them.
    /// </summary>
    public static decimal ReadAmount(JsonField field) => IsNone(field) ? 0m : ReadDecimal(field);

    /// <summary>True for <c>null</c>, <c>""</c> and <c>"None"</c>.</summary>
    public static bool IsNone(JsonField field) =>
        field.IsNull || field.Type == JsonTokenType.String && field.Text is "" or "None" or "none" or "null";

    /// <summary><c>YYYY-MM-DD HH:MM:SS</c> with no fraction or exactly 6 fraction digits, UTC.</summary>
    public static Instant ReadDateTime(JsonField field)
    {
        if (field.Type != JsonTokenType.String || field.Text is null)
            throw new RecordFieldException(field.Name, $"expected a date-time string, found {field.Type}");
        var pattern = field.Text.Length == 19 ? Seconds : Micros;
        var result = pattern.Parse(field.Text);
        if (result.Success) return result.Value.InUtc().ToInstant();
        throw new RecordFieldException(field.Name, $"'{Shorten(field.Text)}' is not 'YYYY-MM-DD HH:MM:SS' with 0 or 6 fraction digits");
    }

    /// <summary>Unix seconds as a JSON number or string of digits.</summary>
    public static Instant ReadUnixSeconds(JsonField field)
    {
        var seconds = ReadLong(field);
        if (seconds > 253_402_300_799) throw new RecordFieldException(field.Name, $"{seconds} is beyond year 9999");
        return Instant.FromUnixTimeSeconds(seconds);
    }

    public static Asset ReadAsset(JsonField field) =>
        field.Type == JsonTokenType.String && Asset.TryParse(field.Text, out var asset) ? asset
            : throw new RecordFieldException(field.Name, $"'{Shorten(field.Text)}' is not a currency code");

    public string? OptionalText(string name) => Find(name) is { IsNull: false, Text: { } t } ? t : null;

    internal static string Shorten(string? text) => text is null ? "(null)" : text.Length <= 40 ? text : text[..40] + "…";
}

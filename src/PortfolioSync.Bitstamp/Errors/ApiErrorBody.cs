using System.Text;
using System.Text.Json;

namespace PortfolioSync.Bitstamp.Errors;

/// <summary>
/// The error shapes Bitstamp uses (bitstamp-api.md §4): <c>{"status":"error","reason":"…","code":"API0005"}</c>,
/// <c>{"status":"error","reason":{"__all__":["…"]}}</c>, <c>{"error":"…"}</c>, <c>reason</c> + <c>response_code</c>,
/// <c>{"code":…,"message":…,"field":…}</c> and <c>{"code":"validation-error","errors":[…]}</c>.
/// </summary>
/// <param name="Detail">A non-Bitstamp <c>detail</c> member some compatible servers add (e.g. the address they saw).</param>
internal sealed record ApiErrorBody(string? Code, string? Reason, string? ResponseCode, bool SaysError, string? Detail = null)
{
    /// <summary>Reads an error object, or null when <paramref name="utf8"/> is not a JSON object.</summary>
    public static ApiErrorBody? TryRead(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            string? code = null, reason = null, responseCode = null, status = null, error = null, message = null, detail = null,
                errors = null, field = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "code": code = Scalar(ref reader); break;
                    case "reason": reason = Flatten(ref reader); break;
                    case "response_code": responseCode = Scalar(ref reader); break;
                    case "status": status = Scalar(ref reader); break;
                    case "error": error = Flatten(ref reader); break;
                    case "message": message = Flatten(ref reader); break;
                    case "detail": detail = Flatten(ref reader); break;
                    case "errors": errors = Flatten(ref reader); break;
                    case "field": field = Flatten(ref reader); break;
                    default: reader.Skip(); break;
                }
            }
            // Newer shapes: {"code","message","field"} and {"code":"validation-error","errors":[…]}.
            var newer = code is not null && (message is not null || errors is not null);
            var saysError = string.Equals(status, "error", StringComparison.OrdinalIgnoreCase) || error is not null || newer;
            var text = reason ?? error ?? message;
            if (errors is not null) text = text is null ? errors : $"{text}: {errors}";
            if (field is not null && text is not null) text = $"{text} (field '{field}')";
            return new ApiErrorBody(code, text ?? (newer ? code : null), responseCode, saysError, detail);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>True for <c>{"status":"error",…}</c> or <c>{"error":…}</c> (also checked on 200 answers).</summary>
    public static bool IsErrorObject(ReadOnlySpan<byte> utf8) => TryRead(utf8) is { SaysError: true };

    private static string? Scalar(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
        _ => SkipNull(ref reader),
    };

    private static string? SkipNull(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    // {"__all__":["Invalid limit"],"limit":["too big"]} → "Invalid limit; limit: too big"
    private static string? Flatten(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.String or JsonTokenType.Number) return Scalar(ref reader);
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return SkipNull(ref reader);
        var parts = new List<string>();
        var depth = reader.CurrentDepth;
        string? property = null;
        while (reader.Read() && !(reader.CurrentDepth == depth && reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray))
        {
            if (reader.TokenType == JsonTokenType.PropertyName) property = reader.GetString();
            else if (reader.TokenType is JsonTokenType.String or JsonTokenType.Number)
                parts.Add(property is null or "__all__" ? Scalar(ref reader)! : $"{property}: {Scalar(ref reader)}");
        }
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }
}

using System.Globalization;
using System.Text.Json;

namespace PortfolioSync.Bitstamp.Json;

/// <summary>
/// The meaning of one record, independent of how a serializer era wrote it (bitstamp-api.md §9 "zeros drift"): keys in
/// any order; numbers and numeric strings by value (<c>0</c> = <c>0.0</c> = <c>"0.0"</c>, <c>8.494e-05</c> =
/// <c>"0.00008494"</c>, <c>"2"</c> = <c>2</c>); <c>null</c>, <c>""</c>, <c>"None"</c> and every zero the same as an
/// absent key; <c>datetime</c> by instant (no fraction = <c>.000000</c>). Everything else by exact text. Used to tell
/// a record that really changed from one merely re-serialized.
/// </summary>
public static class CanonicalRecord
{
    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> are JSON objects with the same meaning.</summary>
    public static bool SameContent(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal)) return true;
        var left = Canonical(a);
        var right = Canonical(b);
        return left is not null && right is not null && left.SequenceEqual(right);
    }

    /// <summary>The canonical fields (name, value) in ordinal name order, or null when the text is not a JSON object.</summary>
    public static IReadOnlyList<(string Name, string Value)>? Canonical(string rawJson)
    {
        RecordObject record;
        try
        {
            record = RecordObject.Parse(rawJson);
        }
        catch (RecordFieldException)
        {
            return null;
        }
        var fields = new List<(string, string)>(record.Fields.Count);
        foreach (var field in record.Fields)
        {
            if (RecordObject.IsNone(field)) continue;
            string value;
            if (field.Name == "datetime" && field.Type == JsonTokenType.String)
            {
                try
                {
                    value = "t" + RecordObject.ReadDateTime(field).ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture);
                }
                catch (RecordFieldException)
                {
                    value = "s" + field.Text;
                }
            }
            else if (field.Type is JsonTokenType.Number or JsonTokenType.String && field.Text is { } text
                     && ApiNumber.TryParse(text, out var number, out _))
            {
                if (number == 0m) continue;
                value = "n" + (number / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
            }
            else if (field.Type is JsonTokenType.StartObject or JsonTokenType.StartArray)
                value = "j" + Nested(rawJson, field.Name);
            else value = field.Type + ":" + field.Text;
            fields.Add((field.Name, value));
        }
        fields.Sort((x, y) => string.CompareOrdinal(x.Item1, y.Item1));
        return fields;
    }

    private static string Nested(string rawJson, string name)
    {
        using var document = JsonDocument.Parse(rawJson);
        return document.RootElement.TryGetProperty(name, out var value) ? value.GetRawText() : "";
    }
}

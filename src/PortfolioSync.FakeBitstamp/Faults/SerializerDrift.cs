using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace PortfolioSync.FakeBitstamp.Faults;

/// <summary>
/// Writes a record as another era of Bitstamp's serializer would (bitstamp-api.md §9 "zeros drift"): the same meaning,
/// other text. Members in reverse order; a zero written as a string (<c>"0.0"</c>, <c>"0.00000000"</c>) becomes the
/// number <c>0</c> and a zero number becomes <c>"0.0"</c>; a string type code becomes a number. Every other value is
/// kept exactly.
/// </summary>
internal static class SerializerDrift
{
    public static ReadOnlyMemory<byte> Rewrite(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var buffer = new ArrayBufferWriter<byte>(json.Length + 16);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var p in document.RootElement.EnumerateObject().Reverse())
            {
                w.WritePropertyName(p.Name);
                var v = p.Value;
                if (p.Name == "type" && v.ValueKind == JsonValueKind.String && int.TryParse(v.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var type))
                    w.WriteNumberValue(type);
                else if (v.ValueKind == JsonValueKind.String && IsZero(v.GetString()!)) w.WriteNumberValue(0);
                else if (v.ValueKind == JsonValueKind.Number && p.Name != "id" && p.Name != "order_id" && v.GetRawText() is "0" or "0.0") w.WriteStringValue("0.0");
                else v.WriteTo(w);
            }
            w.WriteEndObject();
        }
        return buffer.WrittenMemory.ToArray();
    }

    private static bool IsZero(string text) =>
        text.Length > 0 && text.All(c => c is '0' or '.') && text[0] == '0';
}

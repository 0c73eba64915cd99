using System.Text;
using System.Text.Json;

namespace PortfolioSync.FakeBitstamp.Faults;

/// <summary>Replaces the value of one top-level member of a JSON object, leaving every other byte as it was.</summary>
internal static class JsonMemberRewriter
{
    public static byte[] Replace(ReadOnlySpan<byte> json, string member, string rawValue)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1 || !reader.ValueTextEquals(member)) continue;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            var end = (int)reader.BytesConsumed;
            return [.. json[..start], .. Encoding.UTF8.GetBytes(rawValue), .. json[end..]];
        }

        return json.ToArray();
    }
}

using System.Text;
using System.Text.Json;

namespace PortfolioSync.Domain;

/// <summary>
/// A string as a JSON string literal (quotes and escapes), exactly as <c>JsonSerializer.Serialize(string)</c> writes
/// it, without the reflection-based serializer (which a Native AOT build does not have).
/// </summary>
public static class JsonText
{
    public static string Quote(string text)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            writer.WriteStringValue(text);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}

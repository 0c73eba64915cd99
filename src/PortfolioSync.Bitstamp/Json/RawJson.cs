using System.Text;
using System.Text.Json;

namespace PortfolioSync.Bitstamp.Json;

/// <summary>
/// Splits JSON arrays into the exact text of each element, byte for byte as received (no re-serialization), with
/// <see cref="Utf8JsonReader"/>. Also checks that a body is one complete JSON document.
/// </summary>
public static class RawJson
{
    private static readonly JsonReaderOptions Strict = new() { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false, MaxDepth = 64 };

    /// <summary>The elements of the top-level array in <paramref name="utf8"/>, each as its exact text.</summary>
    /// <exception cref="JsonException">The body is not one complete JSON array.</exception>
    public static IReadOnlyList<string> SplitArray(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, Strict);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException($"expected a JSON array, found {Describe(reader)}");
        var elements = ReadElements(ref reader, utf8);
        EnsureEnd(ref reader);
        return elements;
    }

    /// <summary>
    /// The elements of the array found by following <paramref name="path"/> (object property names) from the top-level
    /// object, each as its exact text. A missing property or a <c>null</c> gives an empty list.
    /// </summary>
    /// <exception cref="JsonException">The body is not one complete JSON document, or a step is not an object/array.</exception>
    public static IReadOnlyList<string> SplitArrayAt(ReadOnlySpan<byte> utf8, params string[] path)
    {
        var reader = new Utf8JsonReader(utf8, Strict);
        IReadOnlyList<string> found = [];
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException($"expected a JSON object, found {Describe(reader)}");
        found = FindIn(ref reader, utf8, path, 0) ?? [];
        EnsureEnd(ref reader);
        return found;
    }

    /// <summary>True when <paramref name="utf8"/> is exactly one complete, valid JSON document (blanks around it allowed).</summary>
    public static bool IsCompleteDocument(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, Strict);
            if (!reader.Read()) return false;
            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // Reader positioned on a StartObject; reads to its matching EndObject.
    private static List<string>? FindIn(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, string[] path, int depth)
    {
        List<string>? found = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (name != path[depth] || found is not null)
            {
                reader.Skip();
                continue;
            }
            if (depth == path.Length - 1)
            {
                if (reader.TokenType == JsonTokenType.Null) { found = []; continue; }
                if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException($"'{name}' is not an array");
                found = ReadElements(ref reader, utf8);
            }
            else
            {
                if (reader.TokenType == JsonTokenType.Null) { found = []; continue; }
                if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException($"'{name}' is not an object");
                found = FindIn(ref reader, utf8, path, depth + 1) ?? [];
            }
        }
        return found;
    }

    // Reader positioned on a StartArray; reads to its matching EndArray.
    private static List<string> ReadElements(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
    {
        var elements = new List<string>();
        while (true)
        {
            if (!reader.Read()) throw new JsonException("the array is not closed");
            if (reader.TokenType == JsonTokenType.EndArray) return elements;
            var start = (int)reader.TokenStartIndex;
            reader.Skip();   // to the matching end token for objects and arrays; no-op for a value
            var end = (int)reader.BytesConsumed;
            elements.Add(Encoding.UTF8.GetString(utf8[start..end]));
        }
    }

    private static void EnsureEnd(ref Utf8JsonReader reader)
    {
        if (reader.Read()) throw new JsonException($"unexpected {Describe(reader)} after the end of the document");
    }

    private static string Describe(Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.None ? "nothing" : reader.TokenType.ToString();
}

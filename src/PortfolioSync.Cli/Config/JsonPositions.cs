using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PortfolioSync.Cli.Config;

/// <summary>Line and column (1-based) of every property and array element in a JSON text, by JSON path (<c>accounts[1].secret</c>).</summary>
internal sealed class JsonPositions
{
    private readonly Dictionary<string, (long Line, long Column)> _positions = new(StringComparer.Ordinal);

    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;
        public string? Property { get; set; }
        public int Index { get; set; } = -1;
    }

    public static JsonPositions Index(byte[] utf8, JsonReaderOptions options)
    {
        var index = new JsonPositions();
        var lineStarts = LineStarts(utf8);
        var frames = new List<Frame>();
        var reader = new Utf8JsonReader(utf8, options);
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Comment:
                    continue;
                case JsonTokenType.PropertyName:
                    frames[^1].Property = reader.GetString();
                    index._positions.TryAdd(PathOf(frames), Locate(lineStarts, reader.TokenStartIndex));
                    continue;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    frames.RemoveAt(frames.Count - 1);
                    continue;
            }
            if (frames.Count > 0 && frames[^1].IsArray)
            {
                frames[^1].Index++;
                index._positions.TryAdd(PathOf(frames), Locate(lineStarts, reader.TokenStartIndex));
            }
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
        }
        return index;
    }

    /// <summary>Line and column of a byte offset.</summary>
    public static (long Line, long Column) Locate(byte[] utf8, long offset) => Locate(LineStarts(utf8), offset);

    public (long Line, long Column)? Find(string jsonPath) => _positions.TryGetValue(jsonPath, out var p) ? p : null;

    private static string PathOf(List<Frame> frames)
    {
        var sb = new StringBuilder();
        foreach (var f in frames)
        {
            if (f.IsArray) sb.Append('[').Append(f.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            else if (f.Property is not null) sb.Append(sb.Length > 0 ? "." : "").Append(f.Property);
        }
        return sb.ToString();
    }

    private static List<int> LineStarts(byte[] utf8)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < utf8.Length; i++)
            if (utf8[i] == (byte)'\n') starts.Add(i + 1);
        return starts;
    }

    private static (long, long) Locate(List<int> lineStarts, long offset)
    {
        var line = lineStarts.BinarySearch((int)offset);
        if (line < 0) line = ~line - 1;
        return (line + 1, offset - lineStarts[line] + 1);
    }
}

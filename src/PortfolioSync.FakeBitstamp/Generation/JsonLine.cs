using System.Buffers;
using System.Globalization;
using System.Text;

namespace PortfolioSync.FakeBitstamp.Generation;

/// <summary>
/// Writes one compact JSON object, member by member, exactly as given (no re-formatting), into a reusable buffer.
/// Keys and string values must be plain ASCII without quotes or backslashes (the generator only writes such).
/// </summary>
internal sealed class JsonLine
{
    private readonly ArrayBufferWriter<byte> buffer = new(512);
    private bool first;

    public ReadOnlySpan<byte> Written => buffer.WrittenSpan;

    public JsonLine Begin()
    {
        buffer.ResetWrittenCount();
        Append("{");
        first = true;
        return this;
    }

    public JsonLine End()
    {
        Append("}");
        return this;
    }

    /// <summary>A member whose value is written as is (a JSON number or literal).</summary>
    public JsonLine Raw(string key, string rawValue)
    {
        Key(key);
        Append(rawValue);
        return this;
    }

    public JsonLine Number(string key, long value)
    {
        Key(key);
        var span = buffer.GetSpan(20);
        value.TryFormat(span, out var n, default, CultureInfo.InvariantCulture);
        buffer.Advance(n);
        return this;
    }

    public JsonLine String(string key, string value)
    {
        Key(key);
        Append("\"");
        Append(value);
        Append("\"");
        return this;
    }

    private void Key(string key)
    {
        Append(first ? "\"" : ",\"");
        first = false;
        Append(key);
        Append("\":");
    }

    private void Append(string ascii)
    {
        var span = buffer.GetSpan(ascii.Length);
        var n = Encoding.ASCII.GetBytes(ascii, span);
        buffer.Advance(n);
    }
}

using System.Buffers;
using System.Text.Json;

namespace PortfolioSync.FakeBitstamp.Endpoints;

/// <summary>Compact JSON bodies written with <see cref="Utf8JsonWriter"/>.</summary>
internal static class JsonBody
{
    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            write(w);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>[</c> + the items joined by commas + <c>]</c>, each item's bytes as given.</summary>
    public static byte[] Array(IReadOnlyList<ReadOnlyMemory<byte>> items)
    {
        var length = 2 + Math.Max(0, items.Count - 1);
        foreach (var item in items) length += item.Length;
        var body = new byte[length];
        var at = 0;
        body[at++] = (byte)'[';
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) body[at++] = (byte)',';
            items[i].Span.CopyTo(body.AsSpan(at));
            at += items[i].Length;
        }

        body[at] = (byte)']';
        return body;
    }
}

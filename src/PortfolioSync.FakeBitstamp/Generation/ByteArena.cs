namespace PortfolioSync.FakeBitstamp.Generation;

/// <summary>
/// Stores many small byte strings in large shared chunks (no per-record array), so a million generated records
/// cost their text and little more. Append-only; the returned memory stays valid.
/// </summary>
internal sealed class ByteArena
{
    private const int ChunkSize = 1 << 20;
    private byte[] chunk = new byte[ChunkSize];
    private int used;

    public ReadOnlyMemory<byte> Add(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > ChunkSize) return bytes.ToArray();
        if (used + bytes.Length > chunk.Length)
        {
            chunk = new byte[ChunkSize];
            used = 0;
        }

        bytes.CopyTo(chunk.AsSpan(used));
        var memory = new ReadOnlyMemory<byte>(chunk, used, bytes.Length);
        used += bytes.Length;
        return memory;
    }
}

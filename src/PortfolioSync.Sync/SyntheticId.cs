using System.Security.Cryptography;
using System.Text;

namespace PortfolioSync.Sync;

/// <summary>
/// A stable stand-in id for a record that has none we can read (a malformed record without a readable id, a
/// crypto withdrawal row): the negated first 63 bits of the SHA-256 of its identity text. Negative, so it never
/// collides with Bitstamp's positive ids nor moves a cursor.
/// </summary>
public static class SyntheticId
{
    public static long Of(string identity)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(identity), hash);
        var value = BitConverter.ToInt64(hash[..8]) & long.MaxValue;
        return -(value == 0 ? 1 : value);
    }
}

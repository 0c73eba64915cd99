using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace PortfolioSync.FakeBitstamp.Protocol;

/// <summary>
/// Bitstamp's v2 request and response signatures, written for the server from the protocol facts (not shared with
/// the client). Request: hex HMAC-SHA256(secret, "BITSTAMP " + key + METHOD + host + path + query + content type +
/// nonce + timestamp + "v2" + body bytes). Response: hex HMAC-SHA256(secret, nonce + timestamp + content type + body).
/// </summary>
internal static class V2Signature
{
    /// <summary>The text signed before the body bytes.</summary>
    public static string RequestPrefix(
        string key, string method, string host, string path, string query, string contentType, string nonce, string timestamp) =>
        "BITSTAMP " + key + method + host + path + query + contentType + nonce + timestamp + "v2";

    public static byte[] Request(
        string secret, string key, string method, string host, string path, string query, string contentType,
        string nonce, string timestamp, ReadOnlySpan<byte> body) =>
        Hmac(secret, RequestPrefix(key, method, host, path, query, contentType, nonce, timestamp), body);

    /// <summary>Lower-case hex, as Bitstamp sends it.</summary>
    public static string Response(string secret, string nonce, string timestamp, string contentType, ReadOnlySpan<byte> body) =>
        Convert.ToHexStringLower(Hmac(secret, nonce + timestamp + contentType, body));

    /// <summary>Compares a hex signature (either case) with the expected bytes in constant time.</summary>
    public static bool Matches(string providedHex, byte[] expected)
    {
        if (providedHex.Length != expected.Length * 2) return false;
        Span<byte> provided = stackalloc byte[expected.Length];
        var status = Convert.FromHexString(providedHex, provided, out _, out var written);
        return status == OperationStatus.Done && written == expected.Length
            && CryptographicOperations.FixedTimeEquals(provided, expected);
    }

    private static byte[] Hmac(string secret, string prefix, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.UTF8.GetBytes(prefix));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}

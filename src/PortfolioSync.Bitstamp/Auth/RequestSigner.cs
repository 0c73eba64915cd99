using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace PortfolioSync.Bitstamp.Auth;

/// <summary>
/// Bitstamp v2 request and response signatures (bitstamp-api.md §1). Pure functions; lower-case hex.
/// </summary>
public static class RequestSigner
{
    /// <summary>The only request content type Bitstamp accepts, exactly, with no charset.</summary>
    public const string FormContentType = "application/x-www-form-urlencoded";

    /// <summary>
    /// HMAC-SHA256 over <c>"BITSTAMP " + key + METHOD + host + path + query + contentType + nonce + timestamp + "v2" + body</c>,
    /// with no separators. <paramref name="contentType"/> is empty when <paramref name="body"/> is.
    /// </summary>
    /// <param name="host">The request URI's authority: host, plus the port when it is not the scheme's default.</param>
    /// <param name="pathAndQuery">The path, plus <c>?query</c> when there is one (never for POST endpoints).</param>
    /// <param name="timestamp">Unix time in milliseconds, as sent in <c>X-Auth-Timestamp</c>.</param>
    public static string SignRequest(Secret secret, ApiKeyId key, string method, string host, string pathAndQuery,
        string contentType, string nonce, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(key);
        if (body.IsEmpty && contentType.Length != 0)
            throw new ArgumentException("a request without a body must not have a content type", nameof(contentType));
        var head = string.Concat("BITSTAMP ", key.Value, method.ToUpperInvariant(), host, pathAndQuery, contentType, nonce, timestamp, "v2");
        return Hmac(secret, head, body);
    }

    /// <summary>
    /// The expected <c>X-Server-Auth-Signature</c>: HMAC-SHA256 over <c>nonce + timestamp + response Content-Type + body</c>.
    /// </summary>
    public static string SignResponse(Secret secret, string nonce, string timestamp, string contentType, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Hmac(secret, string.Concat(nonce, timestamp, contentType), body);
    }

    /// <summary>Compares two hex signatures in constant time, ignoring case.</summary>
    public static bool SignaturesMatch(string expectedLowerHex, string received)
    {
        var a = Encoding.ASCII.GetBytes(expectedLowerHex);
        var b = Encoding.ASCII.GetBytes(received.Trim().ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(a, b);
    }

    private static string Hmac(Secret secret, string head, ReadOnlySpan<byte> body)
    {
        var headLength = Encoding.UTF8.GetByteCount(head);
        var message = ArrayPool<byte>.Shared.Rent(headLength + body.Length);
        try
        {
            Encoding.UTF8.GetBytes(head, message);
            body.CopyTo(message.AsSpan(headLength));
            var length = headLength + body.Length;
            var mac = secret.Use(k => HMACSHA256.HashData(k, message.AsSpan(0, length)));
            return Convert.ToHexStringLower(mac);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(message, clearArray: true);
        }
    }
}

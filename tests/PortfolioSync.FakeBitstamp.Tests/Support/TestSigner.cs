using System.Security.Cryptography;
using System.Text;

namespace PortfolioSync.FakeBitstamp.Tests.Support;

/// <summary>The test's own v2 signer (independent of the server's and of the client's code).</summary>
internal static class TestSigner
{
    public const string FormType = "application/x-www-form-urlencoded";

    public static string Hmac(string secret, string message)
    {
        using var h = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        return Convert.ToHexString(h.ComputeHash(Encoding.UTF8.GetBytes(message))).ToLowerInvariant();
    }

    public static string RequestSignature(
        string key, string secret, string method, string host, string path, string query, string contentType,
        string nonce, string timestamp, string body) =>
        Hmac(secret, "BITSTAMP " + key + method + host + path + query + contentType + nonce + timestamp + "v2" + body);

    public static string ResponseSignature(string secret, string nonce, string timestamp, string contentType, string body) =>
        Hmac(secret, nonce + timestamp + contentType + body);
}

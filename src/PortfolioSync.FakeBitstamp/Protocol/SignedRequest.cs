using System.Net;

namespace PortfolioSync.FakeBitstamp.Protocol;

/// <summary>What authentication looks at in a private request; header values are null when the header is absent.</summary>
internal sealed record SignedRequest(
    string Method,
    string? Host,
    string Path,
    string Query,
    string? ContentType,
    string? XAuth,
    string? Signature,
    string? Nonce,
    string? Timestamp,
    string? Version,
    byte[] Body,
    IPAddress? RemoteAddress,
    int UrlLength)
{
    /// <summary>The API key named by <c>X-Auth: BITSTAMP &lt;key&gt;</c>, or null when the header is absent or malformed.</summary>
    public string? Key => XAuth is not null && XAuth.StartsWith("BITSTAMP ", StringComparison.Ordinal) && XAuth.Length > 9
        ? XAuth[9..]
        : null;
}

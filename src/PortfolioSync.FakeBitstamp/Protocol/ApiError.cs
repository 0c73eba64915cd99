using System.Buffers;
using System.Text.Json;

namespace PortfolioSync.FakeBitstamp.Protocol;

/// <summary>
/// An error answer in Bitstamp's shape: <c>{"status":"error","reason":"…","code":"…"}</c>. Validation errors
/// (<c>400.0xx</c> codes) also carry <c>response_code</c>, as Bitstamp documents. <see cref="Detail"/> is this
/// server's addition (why exactly, e.g. the address it saw), kept out of <c>reason</c> so that clients matching
/// Bitstamp's documented reason texts still recognise the error.
/// </summary>
internal sealed record ApiError(int Status, string Reason, string Code, string? Detail = null)
{
    public static ApiError MissingHeader(string header, string code) => new(403, header + " header is required", code);

    public static readonly ApiError KeyNotFound = new(403, "API key not found", "API0001");
    public static readonly ApiError NoPermission = new(403, "No permission found", "API0003");
    public static readonly ApiError InvalidNonce = new(403, "Invalid nonce", "API0004");
    public static readonly ApiError InvalidSignature = new(403, "Invalid signature", "API0005");
    public static readonly ApiError InvalidVersion = new(403, "Invalid version", "API0010");
    public static readonly ApiError WrongKeyFormat = new(403, "Wrong API key format", "API0011");
    public static readonly ApiError TimestampOutOfBounds = new(403, "X-Auth-Timestamp header is out of boundaries", "API0017");
    public static readonly ApiError TimestampInvalid = new(403, "X-Auth-Timestamp header is invalid", "API0018");
    public static readonly ApiError ContentTypeNotAccepted = new(403, "Content-Type header is not accepted", "API0019");
    public static readonly ApiError ContentTypeWithoutBody = new(403, "Content-Type header should not be present", "API0020");
    public static readonly ApiError UrlTooLong = new(403, "Please make sure url query string is not too long", "API0021");

    /// <summary>Bitstamp documents no code for a key that was never activated; this server answers API0008.</summary>
    public static readonly ApiError NotActivated = new(403, "Authentication failed: API key is not activated", "API0008",
        "the key was created but not activated: follow the link in the activation e-mail");

    public static ApiError IpNotAllowed(string address) => new(403, "IP address not allowed", "API0002", "request came from " + address);

    public static readonly ApiError RateLimited = new(429, "Rate limit exceeded", "400.002");
    public static readonly ApiError NotFound = new(404, "Not found", "404.001");
    public static readonly ApiError MethodNotAllowed = new(405, "Method not allowed", "405.001");
    public static readonly ApiError Internal = new(500, "Unknown server error.", "500.001");

    public static ApiError BadParameter(string reason, string code) => new(400, reason, code);

    public byte[] ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("status", "error");
            w.WriteString("reason", Reason);
            w.WriteString("code", Code);
            if (!Code.StartsWith("API", StringComparison.Ordinal)) w.WriteString("response_code", Code);
            if (Detail is not null) w.WriteString("detail", Detail);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

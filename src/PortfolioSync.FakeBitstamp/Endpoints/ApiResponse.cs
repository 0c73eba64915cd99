using PortfolioSync.FakeBitstamp.Protocol;

namespace PortfolioSync.FakeBitstamp.Endpoints;

/// <summary>An answer before it is written: status, body bytes, content type, optional Retry-After.</summary>
internal sealed record ApiResponse(int Status, byte[] Body, string ContentType = ApiResponse.Json)
{
    public const string Json = "application/json";

    public int? RetryAfterSeconds { get; init; }

    /// <summary>A <c>Location</c> header (redirect answers).</summary>
    public string? Location { get; init; }

    public static ApiResponse Ok(byte[] body) => new(200, body);

    public static ApiResponse Error(ApiError error, int? retryAfterSeconds = null) =>
        new(error.Status, error.ToJson()) { RetryAfterSeconds = retryAfterSeconds };
}

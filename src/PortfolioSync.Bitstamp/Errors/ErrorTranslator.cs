using System.Net;
using System.Text.RegularExpressions;
using PortfolioSync.Bitstamp.Auth;
using PortfolioSync.Bitstamp.Endpoints;

namespace PortfolioSync.Bitstamp.Errors;

/// <summary>Maps a refused Bitstamp answer (status + error body) to a <see cref="BitstampApiException"/> with its fix.</summary>
internal static partial class ErrorTranslator
{
    /// <summary>Bitstamp's "too many requests" response code (sent with HTTP 400 or 429).</summary>
    public const string RateLimitResponseCode = "400.002";

    /// <summary>Every code a rate-limit answer may carry: 400.002 (documented), 400.067 (client level), 400.068 (market level).</summary>
    public static readonly IReadOnlySet<string> RateLimitCodes = new HashSet<string>(StringComparer.Ordinal) { "400.002", "400.067", "400.068" };

    public static BitstampApiException FromResponse(string account, ApiKeyId? key, BitstampEndpoint endpoint, HttpStatusCode status,
        ReadOnlySpan<byte> body, DateTimeOffset? serverDate, DateTimeOffset localTime, int attempts)
    {
        var error = ApiErrorBody.TryRead(body);
        var code = error?.Code ?? error?.ResponseCode;
        var reason = error?.Detail is { } detail ? $"{error.Reason} ({detail})" : error?.Reason;
        var kind = Classify((int)status, error);
        var details = kind switch
        {
            BitstampErrorKind.IpNotAllowed => new ErrorDetails(ObservedAddress: AddressIn(reason)),
            BitstampErrorKind.ClockSkew => new ErrorDetails(LocalTime: localTime, ServerTime: serverDate),
            _ => ErrorDetails.None,
        };
        return BitstampApiException.Create(kind, account, key, endpoint, (int)status, code, reason, attempts, details);
    }

    /// <summary>True for HTTP 429 and for Bitstamp's 400.002 "rate limit exceeded" answer.</summary>
    public static bool IsRateLimit(HttpStatusCode status, ReadOnlySpan<byte> body) =>
        status == HttpStatusCode.TooManyRequests
        || status == HttpStatusCode.BadRequest && ApiErrorBody.TryRead(body) is { } e
            && (e.Code is { } c && RateLimitCodes.Contains(c) || e.ResponseCode is { } r && RateLimitCodes.Contains(r));

    internal static BitstampErrorKind Classify(int status, ApiErrorBody? error)
    {
        var code = error?.Code?.ToUpperInvariant();
        var reason = error?.Reason ?? "";
        // Bitstamp documents no code for a never-activated key: whatever code comes with it, the words decide.
        if (Mentions(reason, "not activated") || Mentions(reason, "inactive") || Mentions(reason, "activate")
            || Mentions(reason, "not active") || Mentions(reason, "activation"))
            return BitstampErrorKind.KeyNotActivated;
        switch (code)
        {
            case "API0001" or "API0005" or "API0008" or "API0011": return BitstampErrorKind.InvalidCredentials;
            case "API0002": return BitstampErrorKind.IpNotAllowed;
            case "API0003": return BitstampErrorKind.MissingPermission;
            case "API0006" or "API0009": return BitstampErrorKind.AccountRestricted;
            case "API0017": return BitstampErrorKind.ClockSkew;
            case "API0004" or "API0010" or "API0012" or "API0013" or "API0014" or "API0015" or "API0016"
                or "API0018" or "API0019" or "API0020" or "API0021":
                return BitstampErrorKind.ProtocolError;
        }
        var responseCode = error?.ResponseCode ?? error?.Code;
        if (status == 429 || responseCode is not null && RateLimitCodes.Contains(responseCode)
            || error?.ResponseCode is { } rc && RateLimitCodes.Contains(rc)) return BitstampErrorKind.RateLimited;
        if (Mentions(reason, "maintenance")) return BitstampErrorKind.Maintenance;
        if (responseCode == "404.004") return BitstampErrorKind.AccountRestricted;
        if (Mentions(reason, "permission")) return BitstampErrorKind.MissingPermission;
        if (status >= 500) return BitstampErrorKind.ServerError;
        return BitstampErrorKind.BadRequest;
    }

    private static bool Mentions(string text, string word) => text.Contains(word, StringComparison.OrdinalIgnoreCase);

    private static string? AddressIn(string? reason) => reason is null ? null : Address().Match(reason) is { Success: true } m ? m.Value : null;

    [GeneratedRegex(@"\b(?:\d{1,3}\.){3}\d{1,3}\b|\b[0-9a-fA-F]{0,4}(?::[0-9a-fA-F]{0,4}){2,7}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}

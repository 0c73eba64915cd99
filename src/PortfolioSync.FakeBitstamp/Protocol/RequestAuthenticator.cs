using System.Globalization;
using System.Net;
using PortfolioSync.FakeBitstamp.Data;

namespace PortfolioSync.FakeBitstamp.Protocol;

/// <summary>
/// Bitstamp v2 authentication, in this order: headers present (API0012–16), key format (API0011), version (API0010),
/// URL length (API0021), timestamp format and ±150 s window (API0018/17), Content-Type rules (API0019/20), rate limit
/// (429), key known (API0001), signature (API0005; signed host with or without port), nonce unused within 150 s
/// (API0004, remembered only after a valid signature), key activated (API0008), IP allowed (API0002), permission
/// (API0003).
/// </summary>
internal sealed class RequestAuthenticator(ServerData data, NonceRegistry nonces, KeyRateLimiter limiter)
{
    public const string FormContentType = "application/x-www-form-urlencoded";
    public static readonly TimeSpan TimestampWindow = TimeSpan.FromSeconds(150);

    /// <param name="permission">What the endpoint needs; null for deny-listed endpoints (always API0003 once authenticated).</param>
    public AuthOutcome Authenticate(SignedRequest r, ApiPermission? permission, DateTimeOffset now)
    {
        if (r.XAuth is null) return AuthOutcome.Fail(ApiError.MissingHeader("X-Auth", "API0012"));
        if (r.Signature is null) return AuthOutcome.Fail(ApiError.MissingHeader("X-Auth-Signature", "API0013"));
        if (r.Nonce is null) return AuthOutcome.Fail(ApiError.MissingHeader("X-Auth-Nonce", "API0014"));
        if (r.Timestamp is null) return AuthOutcome.Fail(ApiError.MissingHeader("X-Auth-Timestamp", "API0015"));
        if (r.Version is null) return AuthOutcome.Fail(ApiError.MissingHeader("X-Auth-Version", "API0016"));
        if (r.Key is not { } key) return AuthOutcome.Fail(ApiError.WrongKeyFormat);
        if (r.Version != "v2") return AuthOutcome.Fail(ApiError.InvalidVersion);
        if (r.UrlLength > 2000) return AuthOutcome.Fail(ApiError.UrlTooLong);
        if (r.Timestamp.Length is 0 or > 16 || !r.Timestamp.All(char.IsAsciiDigit)
            || !long.TryParse(r.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var millis))
        {
            return AuthOutcome.Fail(ApiError.TimestampInvalid);
        }

        if (Math.Abs(now.ToUnixTimeMilliseconds() - millis) > (long)TimestampWindow.TotalMilliseconds)
            return AuthOutcome.Fail(ApiError.TimestampOutOfBounds);
        if (r.Body.Length > 0 && r.ContentType != FormContentType) return AuthOutcome.Fail(ApiError.ContentTypeNotAccepted);
        if (r.Body.Length == 0 && r.ContentType is not null) return AuthOutcome.Fail(ApiError.ContentTypeWithoutBody);
        if (!limiter.TryAcquire(key, now, out var retryAfter))
            return new AuthOutcome(null, ApiError.RateLimited, RetryAfterSeconds(retryAfter));

        if (data.FindByKey(key) is not { } account) return AuthOutcome.Fail(ApiError.KeyNotFound);
        if (!SignatureMatches(r, account)) return AuthOutcome.Fail(ApiError.InvalidSignature);
        if (!nonces.TryUse(key, r.Nonce, now)) return AuthOutcome.Fail(ApiError.InvalidNonce);
        if (!account.Activated) return AuthOutcome.Fail(ApiError.NotActivated);
        if (account.IpAllowList.Count > 0 && !IsAllowed(account, r.RemoteAddress))
            return AuthOutcome.Fail(ApiError.IpNotAllowed(Describe(r.RemoteAddress)));
        if (permission is not { } needed || !account.Permissions.Contains(needed)) return AuthOutcome.Fail(ApiError.NoPermission);
        return new AuthOutcome(account, null);
    }

    /// <summary>Whole seconds, at least 1.</summary>
    public static int RetryAfterSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    private static bool SignatureMatches(SignedRequest r, AccountData account)
    {
        var host = r.Host ?? "";
        var contentType = r.Body.Length > 0 ? r.ContentType ?? "" : "";
        var expected = V2Signature.Request(account.Secret, account.Key, r.Method, host, r.Path, r.Query, contentType, r.Nonce!, r.Timestamp!, r.Body);
        if (V2Signature.Matches(r.Signature!, expected)) return true;
        var withoutPort = HostWithoutPort(host);
        if (withoutPort == host) return false;
        expected = V2Signature.Request(account.Secret, account.Key, r.Method, withoutPort, r.Path, r.Query, contentType, r.Nonce!, r.Timestamp!, r.Body);
        return V2Signature.Matches(r.Signature!, expected);
    }

    private static string HostWithoutPort(string host)
    {
        var colon = host.LastIndexOf(':');
        var bracket = host.LastIndexOf(']');
        return colon > bracket && colon >= 0 ? host[..colon] : host;
    }

    private static bool IsAllowed(AccountData account, IPAddress? remote)
    {
        if (remote is null) return false;
        var address = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
        return account.IpAllowList.Any(a => (a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a).Equals(address));
    }

    private static string Describe(IPAddress? remote) =>
        remote is null ? "an unknown address" : (remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote).ToString();
}

namespace PortfolioSync.Bitstamp.Errors;

/// <summary>What went wrong, as a user meets it (DESIGN.md §8). Each kind has one fix text.</summary>
public enum BitstampErrorKind
{
    /// <summary>API0001 key not found, API0005 invalid signature, API0008 authentication failed, API0011 bad key format.</summary>
    InvalidCredentials,
    /// <summary>API0003 or <c>{"error":"No permission found"}</c>: the key lacks the permission the endpoint needs.</summary>
    MissingPermission,
    /// <summary>The key exists but was never activated through Bitstamp's activation e-mail.</summary>
    KeyNotActivated,
    /// <summary>API0002: the request came from an address that is not on the key's IP allow-list.</summary>
    IpNotAllowed,
    /// <summary>API0017: our timestamp is more than 150 s away from Bitstamp's clock.</summary>
    ClockSkew,
    /// <summary>API0006 account frozen, API0009 missing FATCA data, 404.004 no trading account for the key.</summary>
    AccountRestricted,
    /// <summary>HTTP 429 or 400.002 still after every retry.</summary>
    RateLimited,
    /// <summary>HTTP 5xx (or a maintenance answer) still after every retry.</summary>
    ServerError,
    /// <summary>Connection refused, DNS failure, reset, dropped body or timeout still after every retry.</summary>
    NetworkUnreachable,
    /// <summary>The circuit breaker is open after repeated failures; no request was sent.</summary>
    CircuitOpen,
    /// <summary>A 200 response whose <c>X-Server-Auth-Signature</c> does not match: the answer is not trusted.</summary>
    ResponseSignatureMismatch,
    /// <summary>Bitstamp refused the form of the request (API0004, API0010, API0012–API0016, API0018–API0021): a client bug.</summary>
    ProtocolError,
    /// <summary>An HTML page instead of JSON (HTTP 403, or a 200 challenge page): the exchange's edge firewall refused the request.</summary>
    Blocked,
    /// <summary>A 3xx redirect: something between us and the API (proxy, captive portal) or a wrong <c>baseUrl</c>.</summary>
    Redirected,
    /// <summary><c>{"error":"Bitstamp.net is under scheduled maintenance…"}</c>.</summary>
    Maintenance,
    /// <summary>Any other refused request (400.0xx parameters, 404, 405, 410) or an answer that is not the expected JSON.</summary>
    BadRequest,
}

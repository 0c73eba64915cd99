using System.Globalization;
using System.Text;
using PortfolioSync.Bitstamp.Auth;
using PortfolioSync.Bitstamp.Endpoints;

namespace PortfolioSync.Bitstamp.Errors;

/// <summary>
/// A Bitstamp call that failed for good, with the account it concerns and the fix a user can apply
/// (DESIGN.md §8). The message names the account and at most the key's last 4 characters; it never contains a
/// secret. <see cref="IsAuthProblem"/> tells the CLI to exit with 4 (auth/permission) rather than 3.
/// </summary>
public sealed class BitstampApiException : Exception
{
    private BitstampApiException(BitstampErrorKind kind, string account, string? maskedKey, string? endpoint,
        int? httpStatus, string? apiCode, string? serverReason, int attempts, string fix, Exception? inner)
        : base(Compose(kind, account, maskedKey, endpoint, httpStatus, apiCode, serverReason, attempts, fix), inner)
    {
        Kind = kind;
        Account = account;
        MaskedKey = maskedKey;
        Endpoint = endpoint;
        HttpStatus = httpStatus;
        ApiCode = apiCode;
        ServerReason = serverReason;
        Attempts = attempts;
        Fix = fix;
    }

    public BitstampErrorKind Kind { get; }

    /// <summary>The configured account name the failing key belongs to.</summary>
    public string Account { get; }

    /// <summary>The key id as its last 4 characters (<c>…ab12</c>), or null for public calls.</summary>
    public string? MaskedKey { get; }

    /// <summary><c>POST /api/v2/user_transactions/</c>, when known.</summary>
    public string? Endpoint { get; }

    public int? HttpStatus { get; }

    /// <summary>Bitstamp's code (<c>API0005</c>, <c>400.002</c>), when it sent one.</summary>
    public string? ApiCode { get; }

    /// <summary>Bitstamp's reason text, shortened, with the key id masked.</summary>
    public string? ServerReason { get; }

    /// <summary>How many requests were sent for this call (1 when it was not retried; 0 when none was sent).</summary>
    public int Attempts { get; }

    /// <summary>What the user should do, in one sentence or two.</summary>
    public string Fix { get; }

    /// <summary>
    /// True when the exchange could not be used at all (network, firewall, redirect, maintenance, outage): the account's
    /// data was not reached, through no fault of its key.
    /// </summary>
    public bool IsUnreachable => Kind is BitstampErrorKind.NetworkUnreachable or BitstampErrorKind.CircuitOpen
        or BitstampErrorKind.ServerError or BitstampErrorKind.Blocked or BitstampErrorKind.Redirected or BitstampErrorKind.Maintenance;

    /// <summary>True for credential, permission, activation, IP allow-list, clock and account problems: exit code 4.</summary>
    public bool IsAuthProblem => Kind is BitstampErrorKind.InvalidCredentials or BitstampErrorKind.MissingPermission
        or BitstampErrorKind.KeyNotActivated or BitstampErrorKind.IpNotAllowed or BitstampErrorKind.ClockSkew
        or BitstampErrorKind.AccountRestricted;

    /// <summary>Builds the exception with the standard fix for <paramref name="kind"/>.</summary>
    internal static BitstampApiException Create(BitstampErrorKind kind, string account, ApiKeyId? key, BitstampEndpoint? endpoint,
        int? httpStatus = null, string? apiCode = null, string? serverReason = null, int attempts = 1,
        ErrorDetails? details = null, Exception? inner = null)
    {
        var reason = Sanitize(serverReason, key);
        var fix = FixFor(kind, account, key?.Masked, endpoint, attempts, details ?? ErrorDetails.None);
        return new BitstampApiException(kind, account, key?.Masked, endpoint?.ToString(), httpStatus, apiCode, reason, attempts, fix, inner);
    }

    /// <summary>The permission name Bitstamp's API-key page uses for what <paramref name="endpoint"/> reads.</summary>
    public static string PermissionFor(BitstampEndpoint? endpoint) => endpoint?.Kind switch
    {
        EndpointKind.AccountBalances or EndpointKind.AccountBalance => "Account balance",
        EndpointKind.UserTransactions or EndpointKind.UserTransactionsOfMarket => "User transactions",
        EndpointKind.CryptoTransactions => "Crypto transactions (deposits and withdrawals history)",
        EndpointKind.WithdrawalRequests => "Withdrawal requests (view)",
        EndpointKind.OpenOrders => "Open orders",
        EndpointKind.TradingFees or EndpointKind.WithdrawalFees => "Account balance (fees)",
        _ => "the read permission for this endpoint",
    };

    private static string FixFor(BitstampErrorKind kind, string account, string? key, BitstampEndpoint? endpoint, int attempts, ErrorDetails d)
    {
        var ofKey = key is null ? $"account '{account}'" : $"account '{account}' (key {key})";
        return kind switch
        {
            BitstampErrorKind.InvalidCredentials =>
                $"check the key and secret of {ofKey}: a typo or missing characters in either gives this error. If the secret is lost, create a new read-only key on Bitstamp.",
            BitstampErrorKind.MissingPermission =>
                $"enable the '{PermissionFor(endpoint)}' permission for the API key of {ofKey} on Bitstamp (Settings → API access), or create a new read-only key that has it.",
            BitstampErrorKind.KeyNotActivated =>
                $"activate the API key of {ofKey}: follow the link in the activation e-mail Bitstamp sent when the key was created, then run 'portfoliosync check'.",
            BitstampErrorKind.IpNotAllowed => d.ObservedAddress is { } ip
                ? $"the key of {ofKey} only accepts requests from its IP allow-list, and Bitstamp saw this machine as {ip}: add {ip} to the key's allow-list on Bitstamp (or remove the restriction)."
                : $"the key of {ofKey} only accepts requests from its IP allow-list: add this machine's public address to the key's allow-list on Bitstamp (or remove the restriction).",
            BitstampErrorKind.ClockSkew =>
                "your clock differs from Bitstamp's by more than 150 s: sync it (timedatectl set-ntp true, or chrony/ntp)" + ClockNote(d) + ".",
            BitstampErrorKind.AccountRestricted =>
                $"Bitstamp does not let {ofKey} use the API right now (frozen account, missing verification data or no trading account): log in to Bitstamp and resolve the notice.",
            BitstampErrorKind.RateLimited =>
                $"Bitstamp kept rate-limiting {ofKey}; PortfolioSync waited and retried {Math.Max(0, attempts - 1)} times. Run again later, or lower RequestsPerSecond.",
            BitstampErrorKind.ServerError =>
                $"Bitstamp failed on its side (HTTP 5xx or maintenance) {attempts} times in a row: run again later.",
            BitstampErrorKind.NetworkUnreachable =>
                $"could not reach {d.BaseAddress ?? "the server"} after {attempts} attempts: check the network, DNS and proxy, and the configured baseUrl.",
            BitstampErrorKind.Blocked =>
                $"Bitstamp's firewall answered {ofKey} with an HTML page instead of the API (Access Denied or a browser challenge): the network address may be blocked or flagged. Run from another network or turn a VPN off (or on), check the key's IP allow-list on Bitstamp, and make sure nothing between you and Bitstamp strips the User-Agent header; then run 'portfoliosync check'.",
            BitstampErrorKind.Redirected => d.ObservedAddress is { } to
                ? $"the request was redirected to {to} instead of being answered: a proxy, a captive portal (hotel or office Wi-Fi login) or a wrong baseUrl. Log in to the network or fix baseUrl (https://www.bitstamp.net), then run again."
                : "the request was redirected instead of being answered: a proxy, a captive portal (hotel or office Wi-Fi login) or a wrong baseUrl. Log in to the network or fix baseUrl (https://www.bitstamp.net), then run again.",
            BitstampErrorKind.Maintenance =>
                "Bitstamp is under scheduled maintenance: nothing is wrong on your side. Run again after the maintenance window (see status.bitstamp.net).",
            BitstampErrorKind.CircuitOpen =>
                "too many requests failed in a row, so PortfolioSync paused calls to Bitstamp for a while: run again later.",
            BitstampErrorKind.ResponseSignatureMismatch =>
                $"the answer's X-Server-Auth-Signature did not match the secret of {ofKey}: the response may have been altered on the way (proxy?) and was not used. Check the secret and the network path.",
            BitstampErrorKind.ProtocolError =>
                "Bitstamp refused the form of the request: this is a PortfolioSync bug, please report it with this message.",
            BitstampErrorKind.BadRequest =>
                "Bitstamp refused the request's parameters or answered something unexpected: this is likely a PortfolioSync bug, please report it with this message.",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    // The HTTP Date header has 1 s resolution and may come from a front end rather than the API's clock: show it
    // only when it does show the skew.
    private static string ClockNote(ErrorDetails d) =>
        d.LocalTime is { } local && d.ServerTime is { } server && (server - local).Duration() >= TimeSpan.FromSeconds(120)
            ? string.Create(CultureInfo.InvariantCulture,
                $" (this machine said {local:yyyy-MM-dd HH:mm:ss}Z, the server {server:yyyy-MM-dd HH:mm:ss}Z: {(server - local).TotalSeconds:+0;-0} s)")
            : "";

    private static string Compose(BitstampErrorKind kind, string account, string? key, string? endpoint, int? status,
        string? code, string? reason, int attempts, string fix)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Bitstamp account '{account}': {Describe(kind)}");
        var facts = new List<string>();
        if (code is not null) facts.Add(code);
        if (status is { } s) facts.Add(string.Create(CultureInfo.InvariantCulture, $"HTTP {s}"));
        if (endpoint is not null) facts.Add(endpoint);
        if (key is not null) facts.Add("key " + key);
        if (attempts > 1) facts.Add(string.Create(CultureInfo.InvariantCulture, $"{attempts} attempts"));
        if (facts.Count > 0) text.Append(" (").AppendJoin(", ", facts).Append(')');
        if (reason is not null) text.Append(": \"").Append(reason).Append('"');
        text.Append(". Fix: ").Append(fix);
        return text.ToString();
    }

    private static string Describe(BitstampErrorKind kind) => kind switch
    {
        BitstampErrorKind.InvalidCredentials => "the API key or secret was not accepted",
        BitstampErrorKind.MissingPermission => "the API key lacks a permission",
        BitstampErrorKind.KeyNotActivated => "the API key is not activated",
        BitstampErrorKind.IpNotAllowed => "this IP address is not on the key's allow-list",
        BitstampErrorKind.ClockSkew => "the request timestamp is outside Bitstamp's 150 s window",
        BitstampErrorKind.AccountRestricted => "the account may not use the API",
        BitstampErrorKind.RateLimited => "rate limited",
        BitstampErrorKind.ServerError => "server error",
        BitstampErrorKind.NetworkUnreachable => "network unreachable",
        BitstampErrorKind.CircuitOpen => "circuit open",
        BitstampErrorKind.Blocked => "blocked by Bitstamp's firewall",
        BitstampErrorKind.Redirected => "redirected instead of answered",
        BitstampErrorKind.Maintenance => "Bitstamp is under maintenance",
        BitstampErrorKind.ResponseSignatureMismatch => "the response signature did not match",
        BitstampErrorKind.ProtocolError => "request refused as malformed",
        BitstampErrorKind.BadRequest => "request refused",
        _ => kind.ToString(),
    };

    /// <summary>Shortens server text, drops control characters and masks the key id should the server echo it.</summary>
    private static string? Sanitize(string? reason, ApiKeyId? key)
    {
        if (string.IsNullOrWhiteSpace(reason)) return null;
        var text = new StringBuilder(Math.Min(reason.Length, 200));
        foreach (var c in reason)
        {
            if (text.Length >= 200) { text.Append('…'); break; }
            text.Append(char.IsControl(c) ? ' ' : c);
        }
        var result = text.ToString().Trim();
        if (key is not null && key.Value.Length >= 4) result = result.Replace(key.Value, key.Masked, StringComparison.Ordinal);
        return result;
    }
}

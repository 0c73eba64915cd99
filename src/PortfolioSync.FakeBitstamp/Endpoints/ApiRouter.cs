using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using PortfolioSync.FakeBitstamp.Faults;
using PortfolioSync.FakeBitstamp.Protocol;

namespace PortfolioSync.FakeBitstamp.Endpoints;

/// <summary>
/// Handles every HTTP request: counts it, records calls to denied endpoints, applies faults (only under
/// <c>/api/</c>), authenticates private calls, dispatches, signs 200 answers of private calls
/// (<c>X-Server-Auth-Signature</c>) and writes the answer.
/// </summary>
internal sealed class ApiRouter(ServerState state, AdminEndpoints admin)
{
    private const string Prefix = "/api/v2/";
    private const int MaxBody = 64 * 1024;
    private readonly Routes routes = new(state);

    public async Task HandleAsync(HttpContext ctx)
    {
        var started = state.Time.GetTimestamp();
        var (path, query) = RawTarget(ctx);
        if (path.StartsWith("/__admin/", StringComparison.Ordinal))
        {
            await admin.HandleAsync(ctx, path);
            return;
        }

        if (!path.StartsWith("/api/", StringComparison.Ordinal))
        {
            await WriteAsync(ctx, ApiResponse.Error(ApiError.NotFound), drop: false);
            return;
        }

        var key = KeyOf(ctx.Request.Headers["X-Auth"].ToString());
        state.Requests.Record(path, key);
        var denied = path.StartsWith(Prefix, StringComparison.Ordinal) && DeniedEndpoints.IsDenied(path[Prefix.Length..]);
        if (denied) state.RecordForbidden(new ForbiddenCall(ctx.Request.Method, path, key, state.Now));

        var faults = state.Faults;
        var drawn = faults.Next();
        if (drawn.Latency > TimeSpan.Zero) await Task.Delay(drawn.Latency, ctx.RequestAborted);
        ApiResponse response;
        if (Realism(ctx, faults.Settings) is { } edge) response = edge;
        else if (drawn.ServerError is { } status) response = ServerError(status);
        else if (drawn.RateLimited) response = RateLimited(faults.Settings);
        else response = await DispatchAsync(ctx, path, query, denied);

        await WriteAsync(ctx, response, drawn.DropConnection);
        if (state.Log is { } log)
        {
            var ms = state.Time.GetElapsedTime(started).TotalMilliseconds;
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{state.Now:yyyy-MM-ddTHH:mm:ss.fffZ} {ctx.Request.Method} {path} {response.Status} key={key ?? "-"} {ms:F1}ms{(drawn.DropConnection ? " dropped" : "")}"));
        }
    }

    private async Task<ApiResponse> DispatchAsync(HttpContext ctx, string path, string query, bool denied)
    {
        if (!path.StartsWith(Prefix, StringComparison.Ordinal)) return ApiResponse.Error(ApiError.NotFound);
        var request = ctx.Request;
        if (denied)
        {
            var body = await ReadBodyAsync(request, ctx.RequestAborted);
            return Authenticate(ctx, path, query, body, permission: null).Response!;
        }

        var rest = path[Prefix.Length..];
        if (!rest.EndsWith('/') || rest.Length < 2) return ApiResponse.Error(ApiError.NotFound);
        var segments = rest[..^1].Split('/');
        if (routes.Public(segments) is { } publicEndpoint)
        {
            return HttpMethods.IsGet(request.Method)
                ? publicEndpoint(FormBody.Parse(query))
                : ApiResponse.Error(ApiError.MethodNotAllowed);
        }

        if (routes.Private(segments) is not { } endpoint) return ApiResponse.Error(ApiError.NotFound);
        if (!HttpMethods.IsPost(request.Method))
            return ApiResponse.Error(new ApiError(405, "GET method not allowed.", "405.001"));

        var bytes = await ReadBodyAsync(request, ctx.RequestAborted);
        var (response, signed) = Authenticate(ctx, path, query, bytes, endpoint.Permission);
        if (response is not null) return response;

        var now = state.Now;
        var answer = endpoint.Handle(signed!.Account, FormBody.Parse(bytes), now);
        if (answer.Status == 200)
        {
            ctx.Response.Headers["X-Server-Auth-Signature"] =
                V2Signature.Response(signed.Account.Secret, signed.Nonce, signed.Timestamp, answer.ContentType, answer.Body);
        }

        return answer;
    }

    private (ApiResponse? Response, AuthenticatedRequest? Signed) Authenticate(
        HttpContext ctx, string path, string query, byte[] body, Data.ApiPermission? permission)
    {
        var h = ctx.Request.Headers;
        var request = new SignedRequest(
            ctx.Request.Method,
            h.Host.Count > 0 ? h.Host.ToString() : null,
            path,
            query,
            h.ContentType.Count > 0 ? h.ContentType.ToString() : null,
            Header(h, "X-Auth"),
            Header(h, "X-Auth-Signature"),
            Header(h, "X-Auth-Nonce"),
            Header(h, "X-Auth-Timestamp"),
            Header(h, "X-Auth-Version"),
            body,
            ctx.Connection.RemoteIpAddress,
            path.Length + query.Length);
        var outcome = state.Authenticator.Authenticate(request, permission, state.Now);
        if (outcome.Error is { } error) return (ApiResponse.Error(error, outcome.RetryAfterSeconds), null);
        return (null, new AuthenticatedRequest(outcome.Account!, request.Nonce!, request.Timestamp!));
    }

    private static string? Header(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var value) ? value.ToString() : null;

    private static string? KeyOf(string xAuth) =>
        xAuth.StartsWith("BITSTAMP ", StringComparison.Ordinal) && xAuth.Length > 9 ? xAuth[9..] : null;

    /// <summary>Path and query exactly as sent (the signature covers the raw bytes, not a decoded form).</summary>
    private static (string Path, string Query) RawTarget(HttpContext ctx)
    {
        var raw = ctx.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || !raw.StartsWith('/')) return (ctx.Request.Path.Value ?? "/", ctx.Request.QueryString.Value ?? "");
        var q = raw.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? (raw, "") : (raw[..q], raw[q..]);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBody) throw new BadHttpRequestException("Request body too large.", 413);
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// What the exchange's edge answers before the API sees a request (bitstamp-api.md §9): the firewall page for a
    /// request without a User-Agent (on by default) or for every request, a redirect, the maintenance answer.
    /// </summary>
    private static ApiResponse? Realism(HttpContext ctx, FaultSettings s)
    {
        if (s.RequireUserAgent && string.IsNullOrWhiteSpace(ctx.Request.Headers.UserAgent.ToString())) return FirewallPage(403);
        if (s.FirewallHtmlStatus is { } html) return FirewallPage(html);
        if (s.RedirectTo is { } to) return new ApiResponse(302, "<html><body>Moved</body></html>"u8.ToArray(), "text/html") { Location = to };
        if (s.Maintenance)
            return new ApiResponse(200, """{"error": "Bitstamp.net is under scheduled maintenance. We'll be back soon."}"""u8.ToArray());
        return null;
    }

    /// <summary>The edge firewall's page: "Access Denied" with 403, a browser challenge with 200.</summary>
    internal static ApiResponse FirewallPage(int status) => new(status, System.Text.Encoding.UTF8.GetBytes(status == 200
        ? "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><h1>Checking your browser before accessing www.bitstamp.net</h1><noscript>Please enable JavaScript and cookies to continue.</noscript></body></html>"
        : "<!DOCTYPE html><html><head><title>Access Denied</title></head><body><h1>Access Denied</h1><p>The request was blocked by our security rules. Reference #18.5d1c2117.1733300000.4b2f1a</p></body></html>"),
        "text/html; charset=utf-8");

    private static ApiResponse RateLimited(FaultSettings s) => s.RateLimitCode == "400.002"
        ? ApiResponse.Error(ApiError.RateLimited, s.RetryAfterSeconds)
        : ApiResponse.Error(new ApiError(400, s.RateLimitCode == "400.067" ? "Client rate limit exceeded." : "Market rate limit exceeded.", s.RateLimitCode),
            s.RetryAfterSeconds);

    private static ApiResponse ServerError(int status) => status switch
    {
        500 => ApiResponse.Error(ApiError.Internal),
        _ => new ApiResponse(status, System.Text.Encoding.ASCII.GetBytes(
            FormattableString.Invariant($"<html><head><title>{status} {Phrase(status)}</title></head><body><h1>{status} {Phrase(status)}</h1></body></html>")),
            "text/html"),
    };

    private static string Phrase(int status) => status == 502 ? "Bad Gateway" : "Service Temporarily Unavailable";

    private static async Task WriteAsync(HttpContext ctx, ApiResponse response, bool drop)
    {
        var r = ctx.Response;
        r.StatusCode = response.Status;
        r.ContentType = response.ContentType;
        r.ContentLength = response.Body.Length;
        if (response.RetryAfterSeconds is { } seconds) r.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (response.Location is { } location) r.Headers.Location = location;
        if (drop && response.Body.Length > 1)
        {
            await r.Body.WriteAsync(response.Body.AsMemory(0, response.Body.Length / 2), ctx.RequestAborted);
            await r.Body.FlushAsync(ctx.RequestAborted);
            ctx.Abort();
            return;
        }

        await r.Body.WriteAsync(response.Body, ctx.RequestAborted);
    }
}

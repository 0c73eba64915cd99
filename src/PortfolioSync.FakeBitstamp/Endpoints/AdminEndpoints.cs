using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using PortfolioSync.FakeBitstamp.Protocol;

namespace PortfolioSync.FakeBitstamp.Endpoints;

/// <summary>
/// Loopback-only test hooks (never faulted, never counted): <c>POST /__admin/faults</c> sets the faults from JSON,
/// <c>GET /__admin/faults</c> shows them, <c>GET /__admin/calls</c> lists forbidden calls and request counts,
/// <c>DELETE /__admin/calls</c> clears both. JSON members are those of <see cref="FaultSettings"/> in camelCase with
/// times in milliseconds or seconds: <c>seed, latencyMinMs, latencyMaxMs, serverErrorRatio, rateLimitBurstEvery,
/// rateLimitBurstLength, retryAfterSeconds, dropConnectionRatio, malformedRecordIds, changingRecordIds,
/// clockOffsetSeconds</c> (all optional; absent means off).
/// </summary>
internal sealed class AdminEndpoints(ServerState state)
{
    public async Task HandleAsync(HttpContext ctx, string path)
    {
        var remote = ctx.Connection.RemoteIpAddress;
        ApiResponse response;
        if (remote is null || !System.Net.IPAddress.IsLoopback(remote)) response = ApiResponse.Error(new ApiError(403, "Admin endpoints answer loopback only", "ADMIN"));
        else
        {
            response = (ctx.Request.Method, path) switch
            {
                ("POST", "/__admin/faults") => await SetFaultsAsync(ctx),
                ("GET", "/__admin/faults") => ApiResponse.Ok(JsonBody.Write(w => WriteFaults(w, state.Faults.Settings))),
                ("GET", "/__admin/calls") => ApiResponse.Ok(Calls()),
                ("DELETE", "/__admin/calls") => Cleared(),
                _ => ApiResponse.Error(ApiError.NotFound),
            };
        }

        ctx.Response.StatusCode = response.Status;
        ctx.Response.ContentType = response.ContentType;
        await ctx.Response.Body.WriteAsync(response.Body, ctx.RequestAborted);
    }

    public static FaultSettings ParseFaults(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new FormatException("the faults must be a JSON object");
        var known = new HashSet<string>(StringComparer.Ordinal)
        {
            "seed", "latencyMinMs", "latencyMaxMs", "serverErrorRatio", "rateLimitBurstEvery", "rateLimitBurstLength",
            "retryAfterSeconds", "dropConnectionRatio", "malformedRecordIds", "changingRecordIds", "clockOffsetSeconds",
            "requireUserAgent", "firewallHtmlStatus", "maintenance", "redirectTo", "rateLimitCode", "perpetualMarkets",
            "serializerDrift", "shortPageEvery",
        };
        foreach (var p in e.EnumerateObject())
            if (!known.Contains(p.Name)) throw new FormatException($"unknown member '{p.Name}' (known: {string.Join(", ", known)})");

        var settings = new FaultSettings
        {
            Seed = Int(e, "seed") ?? 1,
            LatencyMin = TimeSpan.FromMilliseconds(Double(e, "latencyMinMs") ?? 0),
            LatencyMax = TimeSpan.FromMilliseconds(Double(e, "latencyMaxMs") ?? 0),
            ServerErrorRatio = Double(e, "serverErrorRatio") ?? 0,
            RateLimitBurstEvery = Int(e, "rateLimitBurstEvery") ?? 0,
            RateLimitBurstLength = Int(e, "rateLimitBurstLength") ?? 1,
            RetryAfterSeconds = Int(e, "retryAfterSeconds") ?? 1,
            DropConnectionRatio = Double(e, "dropConnectionRatio") ?? 0,
            MalformedRecordIds = Ids(e, "malformedRecordIds"),
            ChangingRecordIds = Ids(e, "changingRecordIds"),
            ClockOffset = TimeSpan.FromSeconds(Double(e, "clockOffsetSeconds") ?? 0),
            RequireUserAgent = Bool(e, "requireUserAgent") ?? true,
            FirewallHtmlStatus = Int(e, "firewallHtmlStatus"),
            Maintenance = Bool(e, "maintenance") ?? false,
            RedirectTo = Text(e, "redirectTo"),
            RateLimitCode = Text(e, "rateLimitCode") ?? "400.002",
            PerpetualMarkets = Bool(e, "perpetualMarkets") ?? false,
            SerializerDrift = Bool(e, "serializerDrift") ?? false,
            ShortPageEvery = Int(e, "shortPageEvery") ?? 0,
        };
        settings.Validate();
        return settings;
    }

    private async Task<ApiResponse> SetFaultsAsync(HttpContext ctx)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted);
            state.SetFaults(ParseFaults(doc.RootElement));
        }
        catch (JsonException e)
        {
            return ApiResponse.Error(new ApiError(400, "invalid JSON: " + e.Message, "ADMIN"));
        }
        catch (FormatException e)
        {
            return ApiResponse.Error(new ApiError(400, e.Message, "ADMIN"));
        }
        catch (ArgumentException e)
        {
            return ApiResponse.Error(new ApiError(400, e.Message, "ADMIN"));
        }

        return ApiResponse.Ok("{\"status\":\"ok\"}"u8.ToArray());
    }

    private ApiResponse Cleared()
    {
        state.ClearLogs();
        return ApiResponse.Ok("{\"status\":\"ok\"}"u8.ToArray());
    }

    private byte[] Calls() => JsonBody.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("forbiddenCalls");
        foreach (var c in state.ForbiddenCalls)
        {
            w.WriteStartObject();
            w.WriteString("method", c.Method);
            w.WriteString("path", c.Path);
            if (c.Key is null) w.WriteNull("key");
            else w.WriteString("key", c.Key);
            w.WriteString("at", c.At.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("total", state.Requests.Total);
        w.WriteStartArray("requests");
        foreach (var r in state.Requests.Snapshot())
        {
            w.WriteStartObject();
            w.WriteString("path", r.Path);
            if (r.Key is null) w.WriteNull("key");
            else w.WriteString("key", r.Key);
            w.WriteNumber("count", r.Count);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteFaults(Utf8JsonWriter w, FaultSettings s)
    {
        w.WriteStartObject();
        w.WriteNumber("seed", s.Seed);
        w.WriteNumber("latencyMinMs", s.LatencyMin.TotalMilliseconds);
        w.WriteNumber("latencyMaxMs", s.LatencyMax.TotalMilliseconds);
        w.WriteNumber("serverErrorRatio", s.ServerErrorRatio);
        w.WriteNumber("rateLimitBurstEvery", s.RateLimitBurstEvery);
        w.WriteNumber("rateLimitBurstLength", s.RateLimitBurstLength);
        w.WriteNumber("retryAfterSeconds", s.RetryAfterSeconds);
        w.WriteNumber("dropConnectionRatio", s.DropConnectionRatio);
        w.WriteStartArray("malformedRecordIds");
        foreach (var id in s.MalformedRecordIds.Order()) w.WriteNumberValue(id);
        w.WriteEndArray();
        w.WriteStartArray("changingRecordIds");
        foreach (var id in s.ChangingRecordIds.Order()) w.WriteNumberValue(id);
        w.WriteEndArray();
        w.WriteNumber("clockOffsetSeconds", s.ClockOffset.TotalSeconds);
        w.WriteBoolean("requireUserAgent", s.RequireUserAgent);
        if (s.FirewallHtmlStatus is { } html) w.WriteNumber("firewallHtmlStatus", html);
        else w.WriteNull("firewallHtmlStatus");
        w.WriteBoolean("maintenance", s.Maintenance);
        if (s.RedirectTo is { } to) w.WriteString("redirectTo", to);
        else w.WriteNull("redirectTo");
        w.WriteString("rateLimitCode", s.RateLimitCode);
        w.WriteBoolean("perpetualMarkets", s.PerpetualMarkets);
        w.WriteBoolean("serializerDrift", s.SerializerDrift);
        w.WriteNumber("shortPageEvery", s.ShortPageEvery);
        w.WriteEndObject();
    }

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i
            : throw new FormatException($"'{name}' must be a whole number") : null;

    private static bool? Bool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean()
            : throw new FormatException($"'{name}' must be true or false") : null;

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Null => null,
            _ => throw new FormatException($"'{name}' must be a string"),
        } : null;

    private static double? Double(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.Number ? v.GetDouble()
            : throw new FormatException($"'{name}' must be a number") : null;

    private static HashSet<long> Ids(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v)) return [];
        if (v.ValueKind != JsonValueKind.Array) throw new FormatException($"'{name}' must be an array of record ids");
        return v.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Number && x.TryGetInt64(out var id)
            ? id : throw new FormatException($"'{name}' must hold whole numbers")).ToHashSet();
    }
}

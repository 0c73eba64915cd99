using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace PortfolioSync.Bitstamp.Tests.Support;

/// <summary>A transport that records every request it receives and answers from a script (or 200 <c>[]</c>).</summary>
public sealed class ScriptedTransport : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _script = new();

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Func<HttpRequestMessage, HttpResponseMessage> Fallback { get; set; } = _ => Json(HttpStatusCode.OK, "[]");

    public ScriptedTransport Then(Func<HttpRequestMessage, HttpResponseMessage> answer)
    {
        _script.Enqueue((r, _) => Task.FromResult(answer(r)));
        return this;
    }

    public ScriptedTransport ThenAsync(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer)
    {
        _script.Enqueue(answer);
        return this;
    }

    public ScriptedTransport Then(HttpStatusCode status, string body, Action<HttpResponseMessage>? tweak = null) =>
        Then(_ =>
        {
            var r = Json(status, body);
            tweak?.Invoke(r);
            return r;
        });

    public ScriptedTransport ThenThrow(Exception e) => Then(_ => throw e);

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) { Headers = { { "Content-Type", "application/json" } } } };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        Requests.Enqueue(new RecordedRequest(request.Method.Method, request.RequestUri!,
            request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value)),
            request.Content?.Headers.ContentType?.ToString(), body));
        return _script.TryDequeue(out var next) ? await next(request, cancellationToken) : Fallback(request);
    }
}

public sealed record RecordedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? ContentType, byte[]? Body)
{
    public string BodyText => Body is null ? "" : Encoding.UTF8.GetString(Body);
}

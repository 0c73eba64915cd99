using PortfolioSync.Bitstamp.Endpoints;

namespace PortfolioSync.Bitstamp.Http;

/// <summary>
/// The first handler of every client pipeline. It refuses, with a <see cref="ForbiddenEndpointException"/>, any
/// request that is not an allow-listed read endpoint on the configured server, before anything is signed or a byte
/// is sent. The matched endpoint is attached to the request for the handlers after it.
/// </summary>
internal sealed class AllowListHandler(Uri baseUri, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public static readonly HttpRequestOptionsKey<BitstampEndpoint> EndpointKey = new("PortfolioSync.Bitstamp.Endpoint");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.Set(EndpointKey, Check(request));
        return base.SendAsync(request, cancellationToken);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.Set(EndpointKey, Check(request));
        return base.Send(request, cancellationToken);
    }

    private BitstampEndpoint Check(HttpRequestMessage request)
    {
        var uri = request.RequestUri;
        var method = request.Method.Method;
        if (uri is null || !uri.IsAbsoluteUri) throw new ForbiddenEndpointException(method, "(no absolute URI)", "the request has no absolute address");
        var target = uri.GetLeftPart(UriPartial.Path);
        if (!string.Equals(uri.Scheme, baseUri.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(uri.Authority, baseUri.Authority, StringComparison.OrdinalIgnoreCase))
            throw new ForbiddenEndpointException(method, target, $"only {baseUri.GetLeftPart(UriPartial.Authority)} is called");
        if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
            throw new ForbiddenEndpointException(method, target, "user info and fragments are not allowed");
        var path = uri.AbsolutePath;
        if (DenyList.IsDenied(path))
            throw new ForbiddenEndpointException(method, target, "it is a trading, withdrawal, transfer or key-management endpoint");
        if (!BitstampEndpoint.TryMatch(request.Method, path, out var endpoint) || endpoint is null)
            throw new ForbiddenEndpointException(method, target, "it is not on the read-only allow-list");
        if (endpoint.IsSigned && !string.IsNullOrEmpty(uri.Query))
            throw new ForbiddenEndpointException(method, target, "signed read endpoints take their parameters in the body, not the query");
        if (!endpoint.IsSigned && request.Content is not null)
            throw new ForbiddenEndpointException(method, target, "public GET endpoints take no body");
        return endpoint;
    }
}

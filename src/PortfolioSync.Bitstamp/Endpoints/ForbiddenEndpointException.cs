namespace PortfolioSync.Bitstamp.Endpoints;

/// <summary>
/// A request that is not on the read-only allow-list was refused before it was signed or sent. This is always a
/// programming error (or an attack), never a condition to retry.
/// </summary>
public sealed class ForbiddenEndpointException(string method, string target, string why)
    : InvalidOperationException($"Refused {method} {target}: {why}. PortfolioSync only calls read-only Bitstamp endpoints; nothing was signed or sent.")
{
    public string Method { get; } = method;

    /// <summary>Scheme, authority and path of the refused request (the query is left out).</summary>
    public string Target { get; } = target;
}

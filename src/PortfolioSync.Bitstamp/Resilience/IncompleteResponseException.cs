namespace PortfolioSync.Bitstamp.Resilience;

/// <summary>A 200 answer whose body is not one complete JSON document (cut off in transit). Retried like a dropped connection.</summary>
internal sealed class IncompleteResponseException(string endpoint, int bytes)
    : IOException($"{endpoint}: the {bytes}-byte response body is not complete JSON (cut off in transit?)");

/// <summary>A 200 answer that is an HTML page (the edge firewall's challenge) instead of JSON. Retried a few times only.</summary>
internal sealed class FirewallPageException(string endpoint, int status)
    : Exception($"{endpoint}: HTTP {status} with an HTML page instead of JSON")
{
    public int Status { get; } = status;
}

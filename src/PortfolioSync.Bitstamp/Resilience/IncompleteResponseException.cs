namespace PortfolioSync.Bitstamp.Resilience;

/// <summary>A 200 answer whose body is not one complete JSON document (cut off in transit). Retried like a dropped connection.</summary>
internal sealed class IncompleteResponseException(string endpoint, int bytes)
    : IOException($"{endpoint}: the {bytes}-byte response body is not complete JSON (cut off in transit?)");

namespace PortfolioSync.Domain.Pricing;

/// <summary>How a <see cref="Conversion"/> was obtained.</summary>
public enum ConversionStatus
{
    /// <summary>No price could be found; <see cref="Conversion.Rate"/> is meaningless and must not be used.</summary>
    Missing,
    /// <summary>Source and target are the same asset: the rate is exactly 1.</summary>
    Identity,
    /// <summary>From a candle (or two, for a one-hop route) of the requested date.</summary>
    Exact,
    /// <summary>At least one candle of the route is from an earlier date: the last known close was carried forward.</summary>
    GapFilled,
}

namespace PortfolioSync.Domain.Pricing;

/// <summary>One way to convert between two assets: one market (direct or inverse) or two markets (one hop).</summary>
internal sealed record PriceRoute(PriceSeries First, bool FirstInverted, PriceSeries? Second, bool SecondInverted);

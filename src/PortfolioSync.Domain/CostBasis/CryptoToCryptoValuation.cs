namespace PortfolioSync.Domain.CostBasis;

/// <summary>How a trade of one cryptoasset for another is valued. Text forms: <see cref="CryptoToCryptoValuationText"/>.</summary>
public enum CryptoToCryptoValuation
{
    /// <summary>One value for the trade: the quote leg (the entry's <see cref="Ledger.LedgerEntry.Quote"/>; without one the
    /// leg the fee is charged in, else the second leg) converted
    /// to the base currency, or the other leg when the quote has no price. It is both the disposal's proceeds and the
    /// acquired lot's cost, so a closed round trip gains exactly the money that came back.</summary>
    Once,
    /// <summary>HMRC's worked example (CRYPTO22257): proceeds = market value of the token received, cost of the new
    /// token = market value of the token given, each at its own price.</summary>
    EachLeg,
}

public static class CryptoToCryptoValuationText
{
    public static string ToText(this CryptoToCryptoValuation v) => v switch
    {
        CryptoToCryptoValuation.Once => "once",
        CryptoToCryptoValuation.EachLeg => "each-leg",
        _ => throw new ArgumentOutOfRangeException(nameof(v), v, null),
    };

    /// <summary>Parses <c>once</c> or <c>each-leg</c> (case-insensitive).</summary>
    /// <exception cref="FormatException">Names the accepted values.</exception>
    public static CryptoToCryptoValuation Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "once" => CryptoToCryptoValuation.Once,
        "each-leg" => CryptoToCryptoValuation.EachLeg,
        _ => throw new FormatException($"'{text}' is not a crypto-to-crypto valuation: use once or each-leg."),
    };
}

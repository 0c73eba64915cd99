using System.Globalization;

namespace PortfolioSync.FakeBitstamp.Catalog;

/// <summary>Invariant decimal formatting that never drops precision.</summary>
internal static class DecimalText
{
    /// <summary>At least <paramref name="minDecimals"/> decimals, more when the value has more significant ones.</summary>
    public static string Format(decimal value, int minDecimals)
    {
        var normalized = value / 1.000000000000000000000000000000000m;
        var decimals = Math.Max(minDecimals, (int)normalized.Scale);
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>Exactly <paramref name="decimals"/> decimals (the caller has rounded).</summary>
    public static string Fixed(decimal value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}

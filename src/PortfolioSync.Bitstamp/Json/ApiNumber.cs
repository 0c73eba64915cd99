using System.Globalization;
using PortfolioSync.Domain;

namespace PortfolioSync.Bitstamp.Json;

/// <summary>
/// The numeric forms the Bitstamp API really sends (bitstamp-api.md §9), in JSON numbers and in numeric strings:
/// plain decimals (<see cref="DecimalText"/>), zeros in every era's spelling (<c>0</c>, <c>0.0</c>, <c>"0.0"</c>) and
/// exponent notation as Python's JSON writer prints small floats (<c>8.494e-05</c>), converted exactly to
/// <c>decimal</c> from the digits as written (never through a double). Only for what the API sends: user-typed input
/// (config, manual costs) keeps the strict <see cref="DecimalText"/> grammar.
/// </summary>
public static class ApiNumber
{
    /// <summary>
    /// Reads <paramref name="text"/>: <c>-?digits(.digits)?([eE][+-]?digits)?</c>. The value must fit a decimal
    /// exactly (at most 28 significant digits, at most 28 decimals after the exponent is applied).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out decimal value, out string? problem)
    {
        value = 0m;
        var e = text.IndexOfAny('e', 'E');
        if (e < 0) return DecimalText.TryParse(text, out value, out problem);
        if (!DecimalText.TryParse(text[..e], out var mantissa, out problem))
        {
            problem = "has a bad mantissa: " + problem;
            return false;
        }
        var exponentText = text[(e + 1)..];
        if (exponentText.IsEmpty || !int.TryParse(exponentText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent)
            || exponentText[0] is not ('+' or '-' or (>= '0' and <= '9')) || exponentText.Length > 4)
        {
            problem = "has an unreadable exponent";
            return false;
        }
        problem = null;
        if (mantissa == 0m) return true;
        try
        {
            value = Scale(mantissa, exponent);
        }
        catch (OverflowException)
        {
            problem = "is beyond the range of a decimal";
            return false;
        }
        if (value == 0m)
        {
            problem = "is too small to keep exactly (more than 28 decimals)";
            return false;
        }
        return true;
    }

    // Exact: multiplying or dividing by a power of ten only moves the decimal point of a decimal while the digits fit.
    private static decimal Scale(decimal mantissa, int exponent)
    {
        var scale = mantissa.Scale - exponent;
        if (scale > 28) throw new OverflowException();
        var result = mantissa;
        for (var i = 0; i < Math.Abs(exponent); i++) result = exponent > 0 ? result * 10m : result / 10m;
        if (result.Scale > 28 || (exponent < 0 && result * Pow10(-exponent) != mantissa)) throw new OverflowException();
        // 1.5e2 is 150 (scale 0), not 150.0: the scale is what the digits and the exponent say, at least 0.
        var wanted = Math.Max(0, scale);
        while (result.Scale > wanted) result = decimal.Round(result, result.Scale - 1);
        return result;
    }

    private static decimal Pow10(int n)
    {
        var p = 1m;
        for (var i = 0; i < n; i++) p *= 10m;
        return p;
    }
}

using System.Globalization;

namespace PortfolioSync.Domain;

/// <summary>
/// Strict, culture-free parsing and printing of decimal numbers as the Bitstamp API and our files write them:
/// an optional leading <c>-</c>, digits, and an optional <c>.</c> followed by 1–18 digits. Exponents, thousands
/// separators, a leading <c>+</c>, blanks and more than 28 significant digits are refused rather than rounded.
/// <c>-0</c> reads as zero.
/// </summary>
public static class DecimalText
{
    /// <summary>The most decimals we read or print (some assets carry 18).</summary>
    public const int MaxDecimals = 18;

    private const int MaxSignificantDigits = 28;

    /// <summary>Parses <paramref name="text"/>; <paramref name="problem"/> says why it failed.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out decimal value, out string? problem)
    {
        value = 0m;
        problem = Check(text);
        if (problem is not null) return false;
        value = decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        if (value == 0m) value = 0m;   // drop the sign of -0
        return true;
    }

    /// <summary>Parses <paramref name="text"/> or throws a <see cref="FormatException"/> naming <paramref name="field"/>.</summary>
    public static decimal Parse(string text, string field = "value") =>
        TryParse(text, out var value, out var problem) ? value
            : throw new FormatException($"field '{field}': '{Shorten(text)}' {problem}");

    /// <summary>Full precision, trailing zeros trimmed, invariant culture: <c>0.00000001</c>, <c>-12.5</c>, <c>0</c>.</summary>
    public static string Format(decimal value) =>
        value == 0m ? "0" : value.ToString("0.##################", CultureInfo.InvariantCulture);

    /// <summary>Money for presentation: 2 decimals, half away from zero, invariant culture (<c>1234.57</c>).</summary>
    public static string FormatMoney(decimal value) => RoundMoney(value).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>The presentation rounding rule for money: 2 decimals, half away from zero.</summary>
    public static decimal RoundMoney(decimal value)
    {
        var rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        return rounded == 0m ? 0m : rounded;
    }

    private static string? Check(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return "is empty";
        var i = text[0] == '-' ? 1 : 0;
        var intStart = i;
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        var intDigits = i - intStart;
        if (intDigits == 0) return Describe(text, i, "expected a digit");
        var fracDigits = 0;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            var fracStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            fracDigits = i - fracStart;
            if (fracDigits == 0) return "has no digits after the decimal point";
            if (fracDigits > MaxDecimals) return $"has {fracDigits} decimals (at most {MaxDecimals})";
        }
        if (i < text.Length) return Describe(text, i, "is not a plain decimal number");
        var significant = Significant(text[intStart..(intStart + intDigits)]) + fracDigits;
        if (significant > MaxSignificantDigits) return $"has more than {MaxSignificantDigits} significant digits";
        return null;
    }

    private static int Significant(ReadOnlySpan<char> integerDigits)
    {
        var leading = 0;
        while (leading < integerDigits.Length - 1 && integerDigits[leading] == '0') leading++;
        return integerDigits.Length - leading;
    }

    private static string Describe(ReadOnlySpan<char> text, int at, string what)
    {
        var c = text[at];
        var hint = c switch
        {
            'e' or 'E' => " (exponent notation is not accepted)",
            ',' or '\'' or ' ' or '\u00a0' or '_' => " (no thousands separators or blanks)",
            '+' => " (no '+' sign)",
            _ => "",
        };
        return $"{what}: unexpected '{c}' at position {at + 1}{hint}";
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

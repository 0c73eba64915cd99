using System.Globalization;

namespace PortfolioSync.FakeBitstamp.Endpoints;

/// <summary>Reads whole non-negative numbers from form fields the way Bitstamp checks them (digits only).</summary>
internal static class FormNumbers
{
    /// <summary>Absent: null. Present: true when it is digits only and fits a long; false otherwise (including empty).</summary>
    public static bool? TryRead(string? text, out long value)
    {
        value = 0;
        if (text is null) return null;
        return text.Length > 0 && text.All(char.IsAsciiDigit)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    public static bool IsDigits(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);
}

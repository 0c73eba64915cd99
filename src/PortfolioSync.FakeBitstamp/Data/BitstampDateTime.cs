namespace PortfolioSync.FakeBitstamp.Data;

/// <summary>
/// Bitstamp's record datetime: <c>yyyy-MM-dd HH:mm:ss</c> with an optional fraction of exactly six digits, UTC,
/// without a zone suffix.
/// </summary>
internal static class BitstampDateTime
{
    private const int WholeLength = 19;
    private const int FractionLength = 26;

    /// <summary>Parses UTF-8 text; the result has <see cref="DateTimeKind.Utc"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out DateTime value)
    {
        value = default;
        if (text.Length != WholeLength && text.Length != FractionLength) return false;
        if (text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' || text[16] != ':') return false;
        if (!Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
            || !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute)
            || !Digits(text, 17, 2, out var second))
        {
            return false;
        }

        var micro = 0;
        if (text.Length == FractionLength && (text[19] != '.' || !Digits(text, 20, 6, out micro))) return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(micro * 10L);
        return true;
    }

    public static string Format(DateTime value, bool withFraction) =>
        string.Create(withFraction ? FractionLength : WholeLength, value, static (chars, v) =>
        {
            Put(chars, 0, v.Year, 4);
            chars[4] = '-';
            Put(chars, 5, v.Month, 2);
            chars[7] = '-';
            Put(chars, 8, v.Day, 2);
            chars[10] = ' ';
            Put(chars, 11, v.Hour, 2);
            chars[13] = ':';
            Put(chars, 14, v.Minute, 2);
            chars[16] = ':';
            Put(chars, 17, v.Second, 2);
            if (chars.Length == FractionLength)
            {
                chars[19] = '.';
                Put(chars, 20, (int)(v.Ticks % TimeSpan.TicksPerSecond / 10), 6);
            }
        });

    private static void Put(Span<char> chars, int start, int value, int digits)
    {
        for (var i = start + digits - 1; i >= start; i--)
        {
            chars[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    /// <summary>Whole seconds since the Unix epoch (fraction dropped).</summary>
    public static long ToUnixSeconds(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerSecond;

    private static bool Digits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = text[i] - (byte)'0';
            if (d is < 0 or > 9) return false;
            value = value * 10 + d;
        }

        return true;
    }
}

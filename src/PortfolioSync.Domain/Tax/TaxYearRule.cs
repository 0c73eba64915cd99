using System.Globalization;
using NodaTime;

namespace PortfolioSync.Domain.Tax;

/// <summary>
/// When tax years start: <c>calendar</c> (1 January), <c>uk</c> (6 April) or <c>custom:MM-DD</c>.
/// 29 February is refused as a start. <c>default</c> is invalid.
/// </summary>
public sealed record TaxYearRule
{
    private TaxYearRule(string name, AnnualDate start)
    {
        Name = name;
        Start = start;
    }

    public static TaxYearRule Calendar { get; } = new("calendar", new AnnualDate(1, 1));

    public static TaxYearRule Uk { get; } = new("uk", new AnnualDate(4, 6));

    /// <summary>The rules with a name of their own (the custom ones are named by their date).</summary>
    private static TaxYearRule[] Named => [Calendar, Uk];

    /// <summary>The text form: <c>calendar</c>, <c>uk</c> or <c>custom:MM-DD</c>.</summary>
    public string Name { get; }

    /// <summary>The first day of every tax year.</summary>
    public AnnualDate Start { get; }

    public static TaxYearRule Custom(int month, int day)
    {
        if (month == 2 && day == 29) throw new ArgumentException("a tax year cannot start on 29 February", nameof(day));
        var start = new AnnualDate(month, day);   // throws for an impossible date
        return start == Calendar.Start ? Calendar
            : new TaxYearRule(string.Create(CultureInfo.InvariantCulture, $"custom:{month:00}-{day:00}"), start);
    }

    /// <summary>Parses <c>calendar</c>, <c>uk</c> or <c>custom:MM-DD</c> (case-insensitive).</summary>
    /// <exception cref="FormatException">Says what is accepted.</exception>
    public static TaxYearRule Parse(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        foreach (var named in Named)
            if (t == named.Name) return named;
        if (t.StartsWith("custom:", StringComparison.Ordinal) && t.Length == 12 && t[9] == '-'
            && int.TryParse(t.AsSpan(7, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && int.TryParse(t.AsSpan(10, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            && m is >= 1 and <= 12 && d >= 1 && d <= CalendarSystem.Iso.GetDaysInMonth(2001, m))
            return Custom(m, d);
        throw new FormatException($"'{text}' is not a tax year rule: use {Calendar.Name}, {Uk.Name} or custom:MM-DD (e.g. custom:07-01).");
    }

    public override string ToString() => Name;
}

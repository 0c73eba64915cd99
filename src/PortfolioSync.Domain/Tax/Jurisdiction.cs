namespace PortfolioSync.Domain.Tax;

/// <summary>Whose tax rules shape the reports. Sets defaults for time zone, tax year and extras.</summary>
public enum Jurisdiction
{
    /// <summary>No jurisdiction-specific extras; UTC and calendar years by default.</summary>
    Generic,
    /// <summary>HMRC: UK tax years, Europe/London, share identification, SA108 summary.</summary>
    Uk,
    /// <summary>IRS: calendar years, America/New_York, short/long term, Form 8949 rows.</summary>
    Us,
}

public static class JurisdictionDefaults
{
    public static string TimeZoneId(this Jurisdiction j) => j switch
    {
        Jurisdiction.Uk => "Europe/London",
        Jurisdiction.Us => "America/New_York",
        _ => "UTC",
    };

    public static TaxYearRule TaxYearRule(this Jurisdiction j) => j == Jurisdiction.Uk ? Tax.TaxYearRule.Uk : Tax.TaxYearRule.Calendar;

    /// <summary>Parses <c>uk</c>, <c>us</c> or <c>generic</c> (case-insensitive).</summary>
    public static Jurisdiction Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "uk" => Jurisdiction.Uk,
        "us" => Jurisdiction.Us,
        "generic" or "none" => Jurisdiction.Generic,
        _ => throw new FormatException($"'{text}' is not a jurisdiction: use uk, us or generic."),
    };

    public static string ToText(this Jurisdiction j) => j switch
    {
        Jurisdiction.Uk => "uk",
        Jurisdiction.Us => "us",
        _ => "generic",
    };
}

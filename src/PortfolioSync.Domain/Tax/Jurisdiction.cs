namespace PortfolioSync.Domain.Tax;

/// <summary>Whose tax rules shape the reports. Sets defaults for base currency, time zone, tax year, method and extras
/// (docs/cost-basis.md, "Jurisdictions").</summary>
public enum Jurisdiction
{
    /// <summary>No jurisdiction-specific extras; UTC and calendar years by default.</summary>
    Generic,
    /// <summary>HMRC: UK tax years, Europe/London, share identification, SA108 summary.</summary>
    Uk,
    /// <summary>IRS: calendar years, America/New_York, short/long term, Form 8949 rows.</summary>
    Us,
    /// <summary>Germany: EUR, Europe/Berlin, calendar years, FIFO; §23 EStG one-year rule, Anlage SO.</summary>
    De,
    /// <summary>Netherlands: EUR, Europe/Amsterdam, calendar years; Box 3 holdings on 1 January.</summary>
    Nl,
    /// <summary>Spain: EUR, Europe/Madrid, calendar years, FIFO across all accounts; Modelo 100 and 721.</summary>
    Es,
    /// <summary>France: EUR, Europe/Paris, calendar years, portfolio method (art. 150 VH bis CGI); forms 2086 and 3916-bis.</summary>
    Fr,
}

public static class JurisdictionDefaults
{
    /// <summary>The text forms, in the order help texts list them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["uk", "us", "de", "nl", "es", "fr", "generic"];

    public static string TimeZoneId(this Jurisdiction j) => j switch
    {
        Jurisdiction.Uk => "Europe/London",
        Jurisdiction.Us => "America/New_York",
        Jurisdiction.De => "Europe/Berlin",
        Jurisdiction.Nl => "Europe/Amsterdam",
        Jurisdiction.Es => "Europe/Madrid",
        Jurisdiction.Fr => "Europe/Paris",
        _ => "UTC",
    };

    public static TaxYearRule TaxYearRule(this Jurisdiction j) => j == Jurisdiction.Uk ? Tax.TaxYearRule.Uk : Tax.TaxYearRule.Calendar;

    /// <summary>GBP for the UK, EUR for de, nl, es and fr, USD otherwise.</summary>
    public static Asset BaseCurrency(this Jurisdiction j) => j switch
    {
        Jurisdiction.Uk => Asset.Gbp,
        Jurisdiction.De or Jurisdiction.Nl or Jurisdiction.Es or Jurisdiction.Fr => Asset.Eur,
        _ => Asset.Usd,
    };

    /// <summary>The default method in its text form: <c>uk</c>, <c>fr-portfolio</c> or <c>fifo</c>.</summary>
    public static string DefaultMethod(this Jurisdiction j) => j switch
    {
        Jurisdiction.Uk => "uk",
        Jurisdiction.Fr => FrenchPortfolioMethodName,
        _ => "fifo",
    };

    /// <summary>The French portfolio method's text form (art. 150 VH bis CGI); only <see cref="Jurisdiction.Fr"/> takes it.</summary>
    public const string FrenchPortfolioMethodName = "fr-portfolio";

    /// <summary>Why <paramref name="method"/> (text form) is not allowed under this jurisdiction, naming the rule; null when it is.</summary>
    public static string? RefuseMethod(this Jurisdiction j, string method) => (j, method) switch
    {
        (not Jurisdiction.Fr, FrenchPortfolioMethodName) =>
            $"method '{FrenchPortfolioMethodName}' is the French portfolio method (art. 150 VH bis CGI): set \"jurisdiction\": \"fr\" to use it",
        (Jurisdiction.De, not "fifo") =>
            $"method '{method}' is not allowed for jurisdiction de: §23 Abs. 1 Satz 1 Nr. 2 Satz 3 EStG deems the units acquired first to be sold first (FIFO), and the one-year holding period needs each lot's date; use fifo",
        (Jurisdiction.Es, not "fifo") =>
            $"method '{method}' is not allowed for jurisdiction es: units of one cryptoasset are homogeneous and leave first in, first out (FIFO: DGT V0525-25 and V1550-25, by analogy with art. 37.2 LIRPF); use fifo",
        (Jurisdiction.Fr, not FrenchPortfolioMethodName) =>
            $"method '{method}' is not allowed for jurisdiction fr: gains of occasional investors are computed over the whole portfolio (art. 150 VH bis III CGI); use {FrenchPortfolioMethodName}",
        _ => null,
    };

    /// <summary>Why the pool scope (text form) is not allowed under this jurisdiction, naming the rule; null when it is.</summary>
    public static string? RefuseScope(this Jurisdiction j, string scope) => (j, scope) switch
    {
        (Jurisdiction.Es, not "universal") =>
            $"pool scope '{scope}' is not allowed for jurisdiction es: units of one cryptoasset are one homogeneous pool across every platform and account (DGT V1550-25 of 3 September 2025); use universal",
        (Jurisdiction.Fr, not "universal") =>
            $"pool scope '{scope}' is not allowed for jurisdiction fr: the portfolio of art. 150 VH bis CGI is every account together; use universal",
        _ => null,
    };

    /// <summary>Parses <c>uk</c>, <c>us</c>, <c>de</c>, <c>nl</c>, <c>es</c>, <c>fr</c> or <c>generic</c> (case-insensitive).</summary>
    public static Jurisdiction Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "uk" => Jurisdiction.Uk,
        "us" => Jurisdiction.Us,
        "de" => Jurisdiction.De,
        "nl" => Jurisdiction.Nl,
        "es" => Jurisdiction.Es,
        "fr" => Jurisdiction.Fr,
        "generic" or "none" => Jurisdiction.Generic,
        _ => throw new FormatException($"'{text}' is not a jurisdiction: use {string.Join(", ", Names)}."),
    };

    public static string ToText(this Jurisdiction j) => j switch
    {
        Jurisdiction.Uk => "uk",
        Jurisdiction.Us => "us",
        Jurisdiction.De => "de",
        Jurisdiction.Nl => "nl",
        Jurisdiction.Es => "es",
        Jurisdiction.Fr => "fr",
        _ => "generic",
    };
}

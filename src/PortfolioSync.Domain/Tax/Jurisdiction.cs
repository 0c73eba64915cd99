using NodaTime;
using PortfolioSync.Domain.CostBasis;

namespace PortfolioSync.Domain.Tax;

/// <summary>
/// Whose tax rules shape the reports (DESIGN.md §11): one row of defaults and rules per jurisdiction, parsed once at
/// the config edge. Adding a jurisdiction is one change: a static instance here and its entry in <see cref="All"/>.
/// Instances are immutable and compared by value; <see cref="Parse"/> returns the instances of <see cref="All"/>.
/// Domain knows no report file names: the Reports project decides a jurisdiction's extra files.
/// </summary>
public sealed record Jurisdiction
{
    private Jurisdiction() { }

    /// <summary>The text form: config <c>jurisdiction</c>, report notes.</summary>
    public required string Name { get; init; }

    /// <summary>Who sets the rules, for people (e.g. <c>HMRC</c>).</summary>
    public required string Authority { get; init; }

    /// <summary>Default <c>baseCurrency</c>.</summary>
    public required Asset BaseCurrency { get; init; }

    /// <summary>Default <c>timeZone</c> (TZDB id): event dates for day matching, tax years and holding periods.</summary>
    public required string ZoneId { get; init; }

    /// <summary>Default <c>taxYear</c>.</summary>
    public required TaxYearRule TaxYearRule { get; init; }

    /// <summary>Default <c>method</c>.</summary>
    public required CostBasisMethod DefaultMethod { get; init; }

    /// <summary>Methods the config may choose under this jurisdiction.</summary>
    /// <value>Default: every method.</value>
    public IReadOnlyList<CostBasisMethod> Methods { get; init; } = CostBasisMethodText.All;

    /// <summary>Default <c>poolScope</c>.</summary>
    /// <value>Default <see cref="PoolScope.Universal"/>.</value>
    public PoolScope DefaultScope { get; init; } = PoolScope.Universal;

    /// <summary>With <see cref="DefaultScope"/> <see cref="PoolScope.PerAccountFrom"/>: its date.</summary>
    public LocalDate? DefaultScopeFrom { get; init; }

    /// <summary>Default <c>cryptoFeesAreDisposals</c>: a fee paid in a cryptoasset is a disposal of it.</summary>
    /// <value>Default true (HMRC and IRS treatment).</value>
    public bool CryptoFeesAreDisposals { get; init; } = true;

    /// <summary>Disposals carry a short/long holding term (the <c>term</c> column is filled).</summary>
    public bool ReportsHoldingTerm { get; init; }

    /// <summary>No jurisdiction-specific extras; USD, UTC and calendar years by default.</summary>
    public static Jurisdiction Generic { get; } = new()
    {
        Name = "generic", Authority = "none", BaseCurrency = Asset.Usd, ZoneId = "UTC",
        TaxYearRule = TaxYearRule.Calendar, DefaultMethod = CostBasisMethod.Fifo,
    };

    /// <summary>HMRC: GBP, UK tax years, Europe/London, share identification, SA108 summary.</summary>
    public static Jurisdiction Uk { get; } = new()
    {
        Name = "uk", Authority = "HMRC", BaseCurrency = Asset.Gbp, ZoneId = "Europe/London",
        TaxYearRule = TaxYearRule.Uk, DefaultMethod = CostBasisMethod.Uk,
        CountryFiles = "sa108-summary.csv",
    };

    /// <summary>IRS: USD, calendar years, America/New_York, short/long term, Form 8949 rows.</summary>
    public static Jurisdiction Us { get; } = new()
    {
        Name = "us", Authority = "IRS", BaseCurrency = Asset.Usd, ZoneId = "America/New_York",
        TaxYearRule = TaxYearRule.Calendar, DefaultMethod = CostBasisMethod.Fifo, ReportsHoldingTerm = true,
        // Wallet by wallet from 1 January 2025 (Treas. Reg. §1.1012-1(j); Rev. Proc. 2024-28).
        DefaultScope = PoolScope.PerAccountFrom, DefaultScopeFrom = PoolScopeText.UsPerAccountDate,
        CountryFiles = "form-8949.csv",
    };

    /// <summary>Germany (BMF): EUR, calendar years, Europe/Berlin, FIFO (§23 Abs. 1 Satz 1 Nr. 2 Satz 3 EStG); one-year
    /// rule and Freigrenzen; Anlage SO.</summary>
    public static Jurisdiction De { get; } = new()
    {
        Name = "de", Authority = "BMF", BaseCurrency = Asset.Eur, ZoneId = "Europe/Berlin",
        TaxYearRule = TaxYearRule.Calendar, DefaultMethod = CostBasisMethod.Fifo,
        CountryFiles = "anlage-so.csv, anlage-so-summary.csv",
    };

    /// <summary>Netherlands (Belastingdienst): EUR, calendar years, Europe/Amsterdam; Box 3 holdings on 1 January.</summary>
    public static Jurisdiction Nl { get; } = new()
    {
        Name = "nl", Authority = "Belastingdienst", BaseCurrency = Asset.Eur, ZoneId = "Europe/Amsterdam",
        TaxYearRule = TaxYearRule.Calendar, DefaultMethod = CostBasisMethod.Fifo,
        CountryFiles = "box3.csv, box3-summary.csv",
    };

    /// <summary>Spain (AEAT): EUR, calendar years, Europe/Madrid, FIFO over all accounts; Modelo 100 and 721.</summary>
    public static Jurisdiction Es { get; } = new()
    {
        Name = "es", Authority = "AEAT", BaseCurrency = Asset.Eur, ZoneId = "Europe/Madrid",
        TaxYearRule = TaxYearRule.Calendar, DefaultMethod = CostBasisMethod.Fifo,
        CountryFiles = $"modelo-100.csv, modelo-721.csv ({PoolScope.PerAccount.ToText()} refused)",
    };

    /// <summary>France (DGFiP): EUR, calendar years, Europe/Paris, portfolio method (art. 150 VH bis CGI); forms 2086
    /// and 3916-bis.</summary>
    public static Jurisdiction Fr { get; } = new()
    {
        Name = "fr", Authority = "DGFiP", BaseCurrency = Asset.Eur, ZoneId = "Europe/Paris",
        TaxYearRule = TaxYearRule.Calendar, DefaultMethod = CostBasisMethod.FrPortfolio,
        CountryFiles = "form-2086.csv, form-2086-summary.csv, form-3916-bis.csv",
    };

    /// <summary>Every jurisdiction, in the order help texts list them.</summary>
    public static IReadOnlyList<Jurisdiction> All { get; } = [Uk, Us, De, Nl, Es, Fr, Generic];

    /// <summary>The country files the reports add for this jurisdiction (for <c>status</c>), or null.</summary>
    public string? CountryFiles { get; init; }

    /// <summary>The zone named by <see cref="ZoneId"/>.</summary>
    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[ZoneId];

    /// <summary>Parses a jurisdiction's <see cref="Name"/> (case-insensitive; <c>none</c> is read as generic).</summary>
    /// <exception cref="FormatException">Names the accepted values.</exception>
    public static Jurisdiction Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (string.Equals(t, "none", StringComparison.OrdinalIgnoreCase)) return Generic;
        foreach (var j in All)
            if (string.Equals(j.Name, t, StringComparison.OrdinalIgnoreCase)) return j;
        throw new FormatException($"'{text}' is not a jurisdiction: use {TextList.Or(All.Select(j => j.Name).ToList())}.");
    }

    /// <summary>The text form (<see cref="Name"/>).</summary>
    public string ToText() => Name;

    /// <summary>Equal when the names are equal (a jurisdiction is identified by its name).</summary>
    public bool Equals(Jurisdiction? other) => other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    public override string ToString() => Name;
}

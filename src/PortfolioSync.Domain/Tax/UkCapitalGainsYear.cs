using NodaTime;

namespace PortfolioSync.Domain.Tax;

/// <summary>
/// The UK figures a capital gains summary states for one tax year: the annual exempt amount (TCGA92 s1K), the proceeds
/// above which disposals must be reported even when the gains are covered (HMRC "Capital Gains Tax: what you pay it
/// on, rates and allowances"; £50,000 from 2023-24, four times the exempt amount before), and the date within the
/// year on which the rates changed (30 October 2024, Autumn Budget 2024: disposals before and from it are reported
/// apart on SA108 2024-25).
/// </summary>
/// <param name="AnnualExemptAmount">Null for a year not in the table.</param>
/// <param name="ReportingThreshold">Null for a year not in the table.</param>
/// <param name="RateChange">The first day of the new rates within the year, or null.</param>
public sealed record UkCapitalGainsYear(TaxYear Year, decimal? AnnualExemptAmount, decimal? ReportingThreshold, LocalDate? RateChange)
{
    /// <summary>The day the main CGT rates rose to 18 % and 24 % (Autumn Budget 2024).</summary>
    public static LocalDate RateChange2024 { get; } = new(2024, 10, 30);

    /// <summary>The figures of the UK tax year starting on 6 April <paramref name="startYear"/>.</summary>
    public static UkCapitalGainsYear For(int startYear)
    {
        decimal? exempt = startYear switch
        {
            2016 => 11_100m,
            2017 => 11_300m,
            2018 => 11_700m,
            2019 => 12_000m,
            >= 2020 and <= 2022 => 12_300m,
            2023 => 6_000m,
            >= 2024 => 3_000m,
            _ => null,
        };
        decimal? threshold = startYear >= 2023 ? 50_000m : exempt * 4m;
        return new UkCapitalGainsYear(new TaxYear(startYear, TaxYearRule.Uk), exempt, threshold,
            startYear == 2024 ? RateChange2024 : null);
    }
}

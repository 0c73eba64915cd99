namespace PortfolioSync.Domain.CostBasis;

/// <summary>How disposals are matched with acquisitions (DESIGN.md §3). Text forms: <see cref="CostBasisMethodText"/>.</summary>
public enum CostBasisMethod
{
    /// <summary>First in, first out: the oldest lot first.</summary>
    Fifo,
    /// <summary>Last in, first out: the newest lot first.</summary>
    Lifo,
    /// <summary>Highest unit cost first (ties: the oldest).</summary>
    Hifo,
    /// <summary>One running average cost per pool.</summary>
    Average,
    /// <summary>HMRC share identification: same day, then the next 30 days, then the section 104 pool.</summary>
    Uk,
}

public static class CostBasisMethodText
{
    public static string ToText(this CostBasisMethod method) => method switch
    {
        CostBasisMethod.Fifo => "fifo",
        CostBasisMethod.Lifo => "lifo",
        CostBasisMethod.Hifo => "hifo",
        CostBasisMethod.Average => "average",
        CostBasisMethod.Uk => "uk",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    /// <summary>Parses <c>fifo</c>, <c>lifo</c>, <c>hifo</c>, <c>average</c> or <c>uk</c> (case-insensitive).</summary>
    /// <exception cref="FormatException">Names the accepted values.</exception>
    public static CostBasisMethod Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "fifo" => CostBasisMethod.Fifo,
        "lifo" => CostBasisMethod.Lifo,
        "hifo" => CostBasisMethod.Hifo,
        "average" => CostBasisMethod.Average,
        "uk" => CostBasisMethod.Uk,
        _ => throw new FormatException($"'{text}' is not a cost basis method: use fifo, lifo, hifo, average or uk."),
    };
}

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
    /// <summary>France's portfolio method (art. 150 VH bis CGI): gains of the whole portfolio, computed beside the engine
    /// (form 2086); the engine's own lots follow FIFO (<see cref="CostBasisMethodText.Engine"/>), marked informational.</summary>
    FrPortfolio,
}

/// <summary>
/// The one place where a method's text form (config <c>method</c>, <c>--method</c>, the <c>method</c> and
/// <c>match_rule</c> columns) is written. Adding a method: one enum member and one row of the table below.
/// </summary>
public static class CostBasisMethodText
{
    private static readonly (CostBasisMethod Method, string Text)[] Table =
    [
        (CostBasisMethod.Fifo, "fifo"),
        (CostBasisMethod.Lifo, "lifo"),
        (CostBasisMethod.Hifo, "hifo"),
        (CostBasisMethod.Average, "average"),
        (CostBasisMethod.Uk, "uk"),
        (CostBasisMethod.FrPortfolio, "fr-portfolio"),
    ];

    /// <summary>Every method's text form, in declaration order.</summary>
    public static IReadOnlyList<string> Names { get; } = Table.Select(r => r.Text).ToArray();

    /// <summary>Every method, in declaration order.</summary>
    public static IReadOnlyList<CostBasisMethod> All { get; } = Table.Select(r => r.Method).ToArray();

    /// <summary>The method the lot engine runs: the method itself, FIFO for <see cref="CostBasisMethod.FrPortfolio"/>
    /// (whose taxable figures are computed over the whole portfolio beside the engine).</summary>
    public static CostBasisMethod Engine(this CostBasisMethod method) => method == CostBasisMethod.FrPortfolio ? CostBasisMethod.Fifo : method;

    public static string ToText(this CostBasisMethod method)
    {
        foreach (var (m, text) in Table)
            if (m == method) return text;
        throw new ArgumentOutOfRangeException(nameof(method), method, null);
    }

    /// <summary>Parses a method's text form (case-insensitive, blanks around it ignored).</summary>
    /// <exception cref="FormatException">Names the accepted values.</exception>
    public static CostBasisMethod Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        foreach (var (m, name) in Table)
            if (string.Equals(name, t, StringComparison.OrdinalIgnoreCase)) return m;
        throw new FormatException($"'{text}' is not a cost basis method: use {TextList.Or(Names)}.");
    }
}

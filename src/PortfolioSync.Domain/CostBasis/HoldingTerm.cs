namespace PortfolioSync.Domain.CostBasis;

/// <summary>
/// US-style holding period of a matched lot: <see cref="Long"/> when disposed of after the same calendar date one
/// year later (bought 2023-03-01: sold 2024-03-01 is short, 2024-03-02 is long). <see cref="None"/> under the UK
/// method, for pooled or average matches (no single acquisition date) and for shortfalls.
/// </summary>
public enum HoldingTerm
{
    Short,
    Long,
    None,
}

public static class HoldingTermText
{
    public static string ToText(this HoldingTerm term) => term switch
    {
        HoldingTerm.Short => "short",
        HoldingTerm.Long => "long",
        HoldingTerm.None => "",
        _ => throw new ArgumentOutOfRangeException(nameof(term), term, null),
    };
}

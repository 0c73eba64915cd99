namespace PortfolioSync.Domain.CostBasis;

/// <summary>Why a lot was matched with a disposal. Text forms (kebab case): <see cref="MatchRuleText"/>.</summary>
public enum MatchRule
{
    Fifo,
    Lifo,
    Hifo,
    /// <summary>The pool's running average cost (method <c>average</c>).</summary>
    Average,
    /// <summary>UK: an acquisition on the same day as the disposal.</summary>
    SameDay,
    /// <summary>UK: an acquisition in the 30 days after the disposal day.</summary>
    BedAndBreakfast,
    /// <summary>UK: the section 104 pool at its average cost.</summary>
    Pool,
    /// <summary>More was disposed of than was held: matched against a zero-cost lot (warning <c>negative-balance</c>).</summary>
    Shortfall,
}

public static class MatchRuleText
{
    public static string ToText(this MatchRule rule) => rule switch
    {
        MatchRule.Fifo => CostBasisMethod.Fifo.ToText(),
        MatchRule.Lifo => CostBasisMethod.Lifo.ToText(),
        MatchRule.Hifo => CostBasisMethod.Hifo.ToText(),
        MatchRule.Average => CostBasisMethod.Average.ToText(),
        MatchRule.SameDay => "same-day",
        MatchRule.BedAndBreakfast => "bed-and-breakfast",
        MatchRule.Pool => "pool",
        MatchRule.Shortfall => "shortfall",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };
}

namespace PortfolioSync.Reports.Model;

/// <summary>Which rule matched a lot to a disposal (the <c>match_rule</c> column).</summary>
public enum MatchRule
{
    Fifo,
    Lifo,
    Hifo,
    Average,
    /// <summary>UK: an acquisition on the same day as the disposal.</summary>
    SameDay,
    /// <summary>UK: an acquisition in the 30 days after the disposal day.</summary>
    BedAndBreakfast,
    /// <summary>UK: the section 104 pool at its average cost.</summary>
    Pool,
    /// <summary>More was disposed of than was held: the excess is matched against a zero-cost lot (see the
    /// <c>negative-balance</c> warning).</summary>
    Shortfall,
}

public static class MatchRuleText
{
    /// <summary><c>fifo</c>, <c>lifo</c>, <c>hifo</c>, <c>average</c>, <c>same-day</c>, <c>bed-and-breakfast</c>, <c>pool</c>,
    /// <c>shortfall</c>.</summary>
    public static string ToText(this MatchRule rule) => rule switch
    {
        MatchRule.Fifo => "fifo",
        MatchRule.Lifo => "lifo",
        MatchRule.Hifo => "hifo",
        MatchRule.Average => "average",
        MatchRule.SameDay => "same-day",
        MatchRule.BedAndBreakfast => "bed-and-breakfast",
        MatchRule.Pool => "pool",
        MatchRule.Shortfall => "shortfall",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };
}

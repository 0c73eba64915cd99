namespace PortfolioSync.Reports.Model;

/// <summary>US holding period of a matched lot (the <c>term</c> column). UK reports leave the column empty.</summary>
public enum HoldingTerm
{
    Short,
    Long,
}

public static class HoldingTermText
{
    public static string ToText(this HoldingTerm term) => term switch
    {
        HoldingTerm.Short => "short",
        HoldingTerm.Long => "long",
        _ => throw new ArgumentOutOfRangeException(nameof(term), term, null),
    };
}

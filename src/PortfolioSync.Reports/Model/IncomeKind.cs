namespace PortfolioSync.Reports.Model;

/// <summary>What kind of income a receipt is (the <c>kind</c> column of <c>income.csv</c>).</summary>
public enum IncomeKind
{
    Staking,
    Referral,
    Other,
}

public static class IncomeKindText
{
    public static string ToText(this IncomeKind kind) => kind switch
    {
        IncomeKind.Staking => "staking",
        IncomeKind.Referral => "referral",
        IncomeKind.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

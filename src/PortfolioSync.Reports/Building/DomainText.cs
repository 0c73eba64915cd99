using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Reports.Model;
using DomainRule = PortfolioSync.Domain.CostBasis.MatchRule;
using DomainTerm = PortfolioSync.Domain.CostBasis.HoldingTerm;
using ReportRule = PortfolioSync.Reports.Model.MatchRule;
using ReportTerm = PortfolioSync.Reports.Model.HoldingTerm;

namespace PortfolioSync.Reports.Building;

/// <summary>The engine's closed sets mapped onto the report's (the report model does not depend on the engine).</summary>
internal static class DomainText
{
    public static ReportRule Rule(DomainRule rule) => rule switch
    {
        DomainRule.Fifo => ReportRule.Fifo,
        DomainRule.Lifo => ReportRule.Lifo,
        DomainRule.Hifo => ReportRule.Hifo,
        DomainRule.Average => ReportRule.Average,
        DomainRule.SameDay => ReportRule.SameDay,
        DomainRule.BedAndBreakfast => ReportRule.BedAndBreakfast,
        DomainRule.Pool => ReportRule.Pool,
        DomainRule.Shortfall => ReportRule.Shortfall,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };

    /// <summary>Null for <see cref="DomainTerm.None"/>.</summary>
    public static ReportTerm? Term(DomainTerm term) => term switch
    {
        DomainTerm.Short => ReportTerm.Short,
        DomainTerm.Long => ReportTerm.Long,
        DomainTerm.None => null,
        _ => throw new ArgumentOutOfRangeException(nameof(term), term, null),
    };

    public static IncomeKind Income(EntryKind kind) => kind switch
    {
        EntryKind.StakingReward => IncomeKind.Staking,
        EntryKind.ReferralReward => IncomeKind.Referral,
        _ => IncomeKind.Other,
    };
}

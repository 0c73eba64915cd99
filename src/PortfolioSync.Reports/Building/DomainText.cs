using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Reports.Model;
using DomainTerm = PortfolioSync.Domain.CostBasis.HoldingTerm;
using ReportTerm = PortfolioSync.Reports.Model.HoldingTerm;

namespace PortfolioSync.Reports.Building;

/// <summary>The engine's holding term and entry kinds mapped onto the report's (which has no "none" term, and only income kinds).</summary>
internal static class DomainText
{
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

using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Warnings;

namespace PortfolioSync.Reports.Model;

/// <summary>The kebab-case text the report files use for Domain enums.</summary>
public static class ReportText
{
    /// <summary><c>trade</c>, <c>deposit</c>, <c>internal-transfer</c>, <c>staking-reward</c>, …</summary>
    public static string ToText(this EntryKind kind) => kind switch
    {
        EntryKind.Trade => "trade",
        EntryKind.Deposit => "deposit",
        EntryKind.Withdrawal => "withdrawal",
        EntryKind.InternalTransfer => "internal-transfer",
        EntryKind.StakingReward => "staking-reward",
        EntryKind.StakingLock => "staking-lock",
        EntryKind.StakingUnlock => "staking-unlock",
        EntryKind.ReferralReward => "referral-reward",
        EntryKind.OtherIncome => "other-income",
        EntryKind.Fee => "fee",
        EntryKind.Unknown => "unknown",
        EntryKind.DerivativesSettlement => "derivatives-settlement",
        EntryKind.WriteOff => "write-off",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary><c>info</c>, <c>warning</c>, <c>error</c>.</summary>
    public static string ToText(this Severity severity) => severity switch
    {
        Severity.Info => "info",
        Severity.Warning => "warning",
        Severity.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };
}

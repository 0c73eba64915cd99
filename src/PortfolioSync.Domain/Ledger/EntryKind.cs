namespace PortfolioSync.Domain.Ledger;

/// <summary>What kind of economic event a <see cref="LedgerEntry"/> records (DESIGN.md §3).</summary>
public enum EntryKind
{
    Trade,
    Deposit,
    Withdrawal,
    InternalTransfer,
    StakingReward,
    StakingLock,
    StakingUnlock,
    ReferralReward,
    OtherIncome,
    Fee,
    /// <summary>A record the mapper did not understand: kept with its raw source and reported as a warning.</summary>
    Unknown,
}

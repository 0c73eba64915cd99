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
    /// <summary>A derivatives settlement (Bitstamp type 58): a signed amount that is neither income nor a trade; it
    /// goes to <c>derivatives.csv</c>.</summary>
    DerivativesSettlement,
    /// <summary>A small balance taken for nothing (Bitstamp type 55): a disposal for nil proceeds.</summary>
    WriteOff,
}

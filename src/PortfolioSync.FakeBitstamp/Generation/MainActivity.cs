namespace PortfolioSync.FakeBitstamp.Generation;

/// <summary>What the main account does in one of its slots.</summary>
internal enum MainActivity
{
    FiatDeposit,
    CryptoDeposit,
    CryptoWithdrawal,
    FiatWithdrawal,
    TransferToBot,
    TransferFromBot,
    Stake,
    StakingReward,
    Unstake,
    Referral,
    Trade,
}

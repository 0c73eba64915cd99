namespace PortfolioSync.Bitstamp.Records;

/// <summary>
/// Bitstamp's <c>user_transactions</c> type codes (bitstamp-api.md §2). A code not listed here is still read: its
/// numeric value is kept in <see cref="UserTransaction.TypeCode"/> and the mapper makes it an <c>Unknown</c> entry.
/// </summary>
public enum TransactionType
{
    Deposit = 0,
    Withdrawal = 1,
    MarketTrade = 2,
    SubAccountTransfer = 14,
    CreditedWithStakedAssets = 25,
    SentToStaking = 26,
    StakingReward = 27,
    ReferralReward = 32,
    SettlementTransfer = 33,
    InterAccountTransfer = 35,
    InstantConversion = 36,
    SmallBalanceConversion = 53,
    SmallBalanceToNothing = 55,
    DerivativesSettlement = 58,
    InsuranceFundClaim = 59,
    InsuranceFundPremium = 60,
    CollateralLiquidation = 61,
}

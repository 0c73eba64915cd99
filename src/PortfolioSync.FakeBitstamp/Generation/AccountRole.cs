namespace PortfolioSync.FakeBitstamp.Generation;

/// <summary>How a generated account behaves.</summary>
internal enum AccountRole
{
    /// <summary>Fiat and crypto deposits and withdrawals, transfers to and from the bots, staking, referral rewards, some trades.</summary>
    Main,

    /// <summary>Regular fixed-amount buys of several markets in rotation.</summary>
    Dca,

    /// <summary>Many small buy/sell round trips on one or two markets.</summary>
    Grid,
}

namespace PortfolioSync.FakeBitstamp.Generation;

/// <summary>Hand-placed records of the committed sample (in the main account).</summary>
internal enum EdgeCase
{
    /// <summary>A record with the type code "99", which no client knows.</summary>
    UnknownType,

    /// <summary>An ETH deposit of 1.123456789012345678 (eighteen decimals).</summary>
    EighteenDecimals,

    /// <summary>An airdrop-like deposit of FLR, a currency that occurs in no other record (and is not on chain).</summary>
    UnusualCurrency,

    /// <summary>Two fills of one BTC/USD order with the same datetime.</summary>
    SameSecondTrades,
}

namespace PortfolioSync.Domain.CostBasis;

/// <summary>What made a disposal.</summary>
public enum DisposalKind
{
    /// <summary>Sold for fiat money.</summary>
    Sale,
    /// <summary>Exchanged for another cryptoasset (proceeds = market value of what was received).</summary>
    Exchange,
    /// <summary>Spent as a fee (option <see cref="CostBasisOptions.CryptoFeesAreDisposals"/>).</summary>
    Fee,
    /// <summary>Withdrawn to outside, treated as a disposal at market value (option <see cref="CostBasisOptions.WithdrawalsAreDisposals"/>).</summary>
    Withdrawal,
    /// <summary>Taken for nothing (Bitstamp type 55, small balance to nothing): a disposal for nil proceeds.</summary>
    NilProceeds,
}

namespace PortfolioSync.Domain.CostBasis;

internal enum PoolEventKind
{
    /// <summary>A new lot enters <see cref="PoolEvent.Pool"/>.</summary>
    Acquire,
    /// <summary>A disposal: lots leave and a gain is computed.</summary>
    Dispose,
    /// <summary>Lots leave to the external holdings (withdrawal, not a disposal).</summary>
    Withdraw,
    /// <summary>Lots move to <see cref="PoolEvent.ToPool"/> with their dates and costs (per-account transfer).</summary>
    Move,
    /// <summary>Lots leave to pay a fee without a disposal (<see cref="CostBasisOptions.CryptoFeesAreDisposals"/> off).</summary>
    FeeRemove,
    /// <summary>Own coins coming back: lots that left through withdrawals return from the external holding of the
    /// pool (not an acquisition).</summary>
    Return,
    /// <summary>Scope <c>per-account-from</c>: the universal pools' lots go to the accounts holding the asset.</summary>
    Allocate,
}

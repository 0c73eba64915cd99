using NodaTime;
using PortfolioSync.Domain;

namespace PortfolioSync.Sync;

/// <summary>How a sync run behaves. Every default suits the nightly job.</summary>
public sealed class SyncOptions
{
    /// <summary>Refetch every record and every daily candle from the start and report differences. Default false (incremental).</summary>
    public bool Full { get; init; }

    /// <summary>
    /// How far back before the newest stored record an incremental run starts again, to catch records that
    /// appear late. Default 1 hour. Records already stored come back unchanged and cost nothing but bandwidth.
    /// </summary>
    public Duration Overlap { get; init; } = Duration.FromHours(1);

    /// <summary>Records per <c>user_transactions</c> request. Default 1000 (Bitstamp's maximum).</summary>
    public int PageLimit { get; init; } = 1000;

    /// <summary>Accounts synced at the same time. Default 1 (gentle on the exchange); at most 8.</summary>
    public int MaxParallelAccounts { get; init; } = 1;

    /// <summary>Pull daily prices for the assets in the ledger. Default true.</summary>
    public bool SyncPrices { get; init; } = true;

    /// <summary>The currency reports value in: its pairs are pulled with the others.</summary>
    public Asset BaseCurrency { get; init; } = Asset.Usd;

    /// <summary>Currencies treated as fiat (their cross pairs such as <c>gbpusd</c> are pulled too).</summary>
    public FiatSet Fiat { get; init; } = Asset.DefaultFiat;

    /// <summary>A balance difference at or below this is dust, not a reconciliation warning. Default 0.00000001.</summary>
    public decimal Dust { get; init; } = 0.00000001m;

    public void Validate()
    {
        if (PageLimit is < 1 or > 1000) throw new ArgumentOutOfRangeException(nameof(PageLimit), PageLimit, "must be 1-1000");
        if (MaxParallelAccounts is < 1 or > 8) throw new ArgumentOutOfRangeException(nameof(MaxParallelAccounts), MaxParallelAccounts, "must be 1-8");
        if (Overlap < Duration.Zero) throw new ArgumentOutOfRangeException(nameof(Overlap), Overlap, "must not be negative");
        if (Dust < 0) throw new ArgumentOutOfRangeException(nameof(Dust), Dust, "must not be negative");
    }
}

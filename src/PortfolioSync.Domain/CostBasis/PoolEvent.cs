using NodaTime;
using PortfolioSync.Domain.Ledger;

namespace PortfolioSync.Domain.CostBasis;

/// <summary>
/// One change to one pool, derived from a ledger entry and already valued in the base currency. The UK identification
/// pass lowers <see cref="PoolQuantity"/>/<see cref="PoolCost"/> to what is left for the section 104 pool.
/// </summary>
internal sealed class PoolEvent(PoolEventKind kind, LedgerEntry entry, string pool, Asset asset, decimal quantity, LocalDate date, long seq)
{
    public PoolEventKind Kind { get; } = kind;

    public LedgerEntry Entry { get; } = entry;

    public string Pool { get; } = pool;

    public Asset Asset { get; } = asset;

    public decimal Quantity { get; } = quantity;

    public LocalDate Date { get; } = date;

    /// <summary>Position in the event stream; also the acquisition order of the lot an Acquire creates.</summary>
    public long Seq { get; } = seq;

    public Instant At => Entry.At;

    /// <summary>Move: the pool the lots go to.</summary>
    public string? ToPool { get; init; }

    /// <summary>Acquire: lot id. Dispose: disposal id (<c>{entry id}/{asset}{suffix}</c>; empty for other kinds).
    /// Made on first use: most are never asked for (under UK rules lots are pooled), and a million strings made up
    /// front cost the engine memory and collection time.</summary>
    public string Id => _id ??= IdSuffix is null ? "" : string.Concat(Entry.Id, "/", Asset.Code, IdSuffix);

    /// <summary>Acquire and Dispose: what follows <c>{entry id}/{asset}</c> in <see cref="Id"/>; null: no id.</summary>
    public string? IdSuffix { get; init; }

    private string? _id;

    /// <summary>Acquire: cost including fees.</summary>
    public decimal Cost { get; init; }

    /// <summary>Acquire: what is uncertain about <see cref="Cost"/> (a leg or fee with no price, a zero-cost deposit).</summary>
    public CostFlags CostFlags { get; init; }

    /// <summary>Dispose: false when no price valued what was received (<see cref="Proceeds"/> is then 0 and unknown).</summary>
    public bool ProceedsKnown { get; init; } = true;

    /// <summary>Dispose: false when no price valued the fee (<see cref="Fees"/> is then incomplete).</summary>
    public bool FeesKnown { get; init; } = true;

    /// <summary>Dispose: gross value received.</summary>
    public decimal Proceeds { get; init; }

    /// <summary>Dispose: allowable fees.</summary>
    public decimal Fees { get; init; }

    public DisposalKind DisposalKind { get; init; }

    /// <summary>The part of <see cref="Quantity"/> that meets the pool (all of it except under the UK method).</summary>
    public decimal PoolQuantity { get; set; } = quantity;

    /// <summary>Acquire: the cost of <see cref="PoolQuantity"/>.</summary>
    public decimal PoolCost { get; set; }
}

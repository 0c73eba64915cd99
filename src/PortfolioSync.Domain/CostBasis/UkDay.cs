using NodaTime;

namespace PortfolioSync.Domain.CostBasis;

/// <summary>
/// UK method: everything of one asset in one pool on one date (zone), which HMRC treats as one acquisition and one
/// disposal (CRYPTO22200 ff., TCGA92/S105(1)).
/// </summary>
internal sealed class UkDay(string pool, Asset asset, LocalDate date, int day)
{
    public string Pool { get; } = pool;

    public Asset Asset { get; } = asset;

    public LocalDate Date { get; } = date;

    public int Day { get; } = day;

    public List<PoolEvent> Acquisitions { get; } = [];

    public List<PoolEvent> Disposals { get; } = [];

    public decimal AcquiredQuantity { get; set; }

    public decimal AcquiredCost { get; set; }

    /// <summary>The union of the cost flags of the day's acquisitions.</summary>
    public CostFlags AcquiredFlags { get; set; }

    /// <summary>What the same-day and 30-day rules have not used yet.</summary>
    public decimal UnmatchedQuantity { get; set; }

    public decimal UnmatchedCost { get; set; }

    public decimal DisposedQuantity { get; set; }

    /// <summary>Disposed quantity not yet identified with an acquisition.</summary>
    public decimal DisposedLeft { get; set; }

    /// <summary>Same-day and bed-and-breakfast matches of this day's disposal.</summary>
    public List<LotPiece> Identified { get; } = [];

    /// <summary>Section 104 pool and shortfall pieces, filled by the main pass.</summary>
    public List<LotPiece> FromPool { get; } = [];

    public string LotId => $"uk-day:{Pool}:{Asset}:{NodaTime.Text.LocalDatePattern.Iso.Format(Date)}";

    public Instant FirstAcquiredAt => Acquisitions[0].At;
}

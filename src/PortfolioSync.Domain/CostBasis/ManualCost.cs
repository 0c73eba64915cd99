using NodaTime;

namespace PortfolioSync.Domain.CostBasis;

/// <summary>
/// A cost the user supplies (from <c>manual-costs.csv</c>) for an acquisition whose cost the ledger cannot know: a
/// deposit from outside or an unpaired transfer in. Either names one entry (<see cref="Account"/> +
/// <see cref="ExternalId"/>), or an asset and a date in the configured zone (optionally limited to one account);
/// a cost by date is shared among that day's matching deposits in proportion to quantity.
/// </summary>
/// <param name="Cost">Total cost in the base currency; not negative.</param>
public sealed record ManualCost
{
    private ManualCost(string? account, long? externalId, Asset? asset, LocalDate? date, decimal cost)
    {
        if (cost < 0m) throw new ArgumentOutOfRangeException(nameof(cost), "a manual cost must not be negative");
        Account = account;
        ExternalId = externalId;
        Asset = asset;
        Date = date;
        Cost = cost;
    }

    public string? Account { get; }

    public long? ExternalId { get; }

    public Asset? Asset { get; }

    public LocalDate? Date { get; }

    public decimal Cost { get; }

    /// <summary>When the coins were bought elsewhere (optional <c>acquired_at</c> column): the lot's date for the
    /// holding period and, under the UK method, for identification (an earlier date joins the section 104 pool
    /// directly). Null: the deposit's own instant.</summary>
    public Instant? AcquiredAt { get; init; }

    /// <summary>The cost of the deposit with this exchange id on this account.</summary>
    public static ManualCost ForEntry(string account, long externalId, decimal cost) =>
        new(Preconditions.NotBlank(account, nameof(account)), externalId, null, null, cost);

    /// <summary>The cost of what was deposited of <paramref name="asset"/> on <paramref name="date"/> (zone date).</summary>
    public static ManualCost ForAssetOn(Asset asset, LocalDate date, decimal cost, string? account = null) =>
        new(account, null, asset, date, cost);

    /// <summary>For messages: <c>main #123</c> or <c>BTC on 2024-03-01</c>.</summary>
    public override string ToString() => ExternalId is { } id
        ? $"{Account} #{id}"
        : $"{Asset} on {NodaTime.Text.LocalDatePattern.Iso.Format(Date!.Value)}{(Account is null ? "" : " in " + Account)}";
}

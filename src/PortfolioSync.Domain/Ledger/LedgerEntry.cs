using NodaTime;

namespace PortfolioSync.Domain.Ledger;

/// <summary>
/// One economic event on one account. Immutable.
/// </summary>
/// <param name="Id">Stable identity, <c>bitstamp:{account}:{external id}</c>.</param>
/// <param name="Account">The configured account name (subaccount).</param>
/// <param name="At">When it happened (UTC instant as the exchange reports it).</param>
/// <param name="Kind">What happened.</param>
/// <param name="Legs">Signed asset movements, fee excluded. Empty only for <see cref="EntryKind.Unknown"/>.</param>
/// <param name="Fee">Fee as charged, never negative, in its own asset; not netted into <paramref name="Legs"/>.
/// The balance effect of an entry is its legs minus its fee.</param>
/// <param name="ExternalId">The exchange's record id (Bitstamp ids are global and increase with time).</param>
/// <param name="OrderId">The exchange's order id for trades; null otherwise.</param>
/// <param name="SourceKey">The key of the raw record this entry was mapped from (<c>{account}/{stream}/{external id}</c>).</param>
/// <param name="Quote">For trades, the quote asset of the market as the exchange named it: for an API record the quote of
/// its pair key (<c>eth_btc</c> → BTC) when that names two of its legs, else its fiat leg, else its second leg; for a CSV
/// row its Value currency when the Value is not zero. Null for other kinds.</param>
public sealed record LedgerEntry(
    string Id,
    string Account,
    Instant At,
    EntryKind Kind,
    IReadOnlyList<Leg> Legs,
    Money? Fee,
    long ExternalId,
    long? OrderId,
    string SourceKey,
    Asset? Quote = null)
{
    public string Id { get; } = Preconditions.NotBlank(Id, nameof(Id));
    public string Account { get; } = Preconditions.NotBlank(Account, nameof(Account));
    public IReadOnlyList<Leg> Legs { get; } = Preconditions.NotNull(Legs, nameof(Legs));
    public Money? Fee { get; } = Fee is { Amount: < 0 } f
        ? throw new ArgumentOutOfRangeException(nameof(Fee), $"fee must not be negative, was {f}") : Fee;

    /// <summary>The conventional id for a Bitstamp record.</summary>
    public static string BitstampId(string account, long externalId) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"bitstamp:{account}:{externalId}");

    /// <summary>Net quantity of <paramref name="asset"/> this entry adds to its account (legs minus fee).</summary>
    public decimal NetChange(Asset asset)
    {
        var sum = 0m;
        foreach (var leg in Legs)
            if (leg.Asset == asset) sum += leg.Quantity;
        if (Fee is { } fee && fee.Asset == asset) sum -= fee.Amount;
        return sum;
    }

    // Records compare lists by reference; entries are equal when their content is.
    public bool Equals(LedgerEntry? other) =>
        other is not null && Id == other.Id && Account == other.Account && At == other.At && Kind == other.Kind
        && Legs.SequenceEqual(other.Legs) && Fee == other.Fee && ExternalId == other.ExternalId
        && OrderId == other.OrderId && SourceKey == other.SourceKey && Quote == other.Quote;

    public override int GetHashCode() => HashCode.Combine(Id, At, Kind, Legs.Count);
}

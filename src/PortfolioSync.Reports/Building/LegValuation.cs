using System.Globalization;
using NodaTime;
using NodaTime.Text;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Pricing;
using PortfolioSync.Domain.Warnings;

namespace PortfolioSync.Reports.Building;

/// <summary>
/// Values the legs and the fee of ledger entries in the base currency for <c>transactions.csv</c>, the way the cost
/// basis engine values them: a leg in the base currency is its quantity; the crypto leg of a trade against fiat takes
/// the value of the fiat legs (so it equals the engine's cost or proceeds before fees); every other leg and the fee
/// are valued at market with the close of the instant's UTC date. A leg without a price stays null (never zero);
/// <see cref="Warnings"/> counts them per asset.
/// </summary>
internal sealed class LegValuation(PriceBook prices, Asset baseCurrency, FiatSet fiat)
{
    private readonly SortedDictionary<Asset, (int Count, LocalDate First, LocalDate Last)> _missing = [];

    public (IReadOnlyList<decimal?> Legs, decimal? Fee) Value(LedgerEntry e)
    {
        var legs = new decimal?[e.Legs.Count];
        var cryptoIndex = -1;
        var cryptoCount = 0;
        var fiatCount = 0;
        for (var i = 0; i < e.Legs.Count; i++)
        {
            if (IsFiat(e.Legs[i].Asset)) fiatCount++;
            else
            {
                cryptoCount++;
                cryptoIndex = i;
            }
        }
        if (e.Kind == EntryKind.Trade && fiatCount > 0 && cryptoCount == 1)
        {
            decimal? fiatSum = 0m;
            for (var i = 0; i < e.Legs.Count; i++)
            {
                if (i == cryptoIndex) continue;
                legs[i] = Market(e, e.Legs[i].Asset, e.Legs[i].Quantity);
                fiatSum = fiatSum is { } s && legs[i] is { } v ? s + v : null;
            }
            legs[cryptoIndex] = fiatSum is { } sum ? -sum : Market(e, e.Legs[cryptoIndex].Asset, e.Legs[cryptoIndex].Quantity);
        }
        else
        {
            for (var i = 0; i < e.Legs.Count; i++) legs[i] = Market(e, e.Legs[i].Asset, e.Legs[i].Quantity);
        }
        var fee = e.Fee is { } f ? Market(e, f.Asset, f.Amount) : null;
        return (legs, fee);
    }

    /// <summary>One notice per asset whose legs or fees were left without a value.</summary>
    public IEnumerable<Warning> Warnings()
    {
        foreach (var (asset, (count, first, last)) in _missing)
        {
            var range = first == last
                ? LocalDatePattern.Iso.Format(first)
                : $"{LocalDatePattern.Iso.Format(first)}..{LocalDatePattern.Iso.Format(last)}";
            yield return new Warning(WarningCode.MissingPrice, Severity.Info, null, null, string.Create(CultureInfo.InvariantCulture,
                $"transactions: no {asset}->{baseCurrency} price for {count} leg(s) or fee(s) dated {range} (UTC dates): their value cells are left empty"));
        }
    }

    private bool IsFiat(Asset asset) => asset == baseCurrency || fiat.Contains(asset);

    private decimal? Market(LedgerEntry e, Asset asset, decimal quantity)
    {
        if (asset == baseCurrency) return quantity;
        var c = prices.Convert(asset, baseCurrency, e.At);
        if (c.IsFound) return c.Apply(quantity);
        var date = e.At.InUtc().Date;
        _missing[asset] = _missing.TryGetValue(asset, out var m)
            ? (m.Count + 1, date < m.First ? date : m.First, date > m.Last ? date : m.Last)
            : (1, date, date);
        return null;
    }
}

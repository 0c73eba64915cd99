using System.Globalization;
using NodaTime;
using NodaTime.Text;
using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Pricing;
using PortfolioSync.Domain.Warnings;

namespace PortfolioSync.Domain.Tax.France;

/// <summary>
/// The French portfolio method (<c>fr-portfolio</c>, art. 150 VH bis CGI, BOI-RPPM-PVBMC-30-20), one pass over the
/// whole ledger, all accounts together, disposal by disposal as form 2086 does:
/// <list type="bullet">
/// <item>A buy of a cryptoasset for fiat adds the fiat paid and its fiat fee to the total acquisition price (PTA).</item>
/// <item>A sale of a cryptoasset for fiat is taxable: gain = (C − fees) − PTA × C / V, then PTA falls by PTA × C / V.
/// C is the price before fees (line 217 of form 2086 is the price net of soultes only; fees come off in line 218).</item>
/// <item>Crypto-to-crypto swaps, internal transfers, staking locks and crypto fees change quantities only: nothing
/// taxable, PTA unchanged.</item>
/// <item>Rewards (staking, referral, other) and deposits from outside add quantity at no acquisition price (PTA counts
/// prices paid in legal tender, art. 150 VH bis III A 2); a deposit raises a warning so the filer adds what it cost.</item>
/// <item>Withdrawals to outside stay in the portfolio (the coins are still the filer's) and in V.</item>
/// </list>
/// V is valued with the price book the value series uses: each asset's close of the disposal's date (in the
/// configured zone), through direct or one-hop pairs. Pure and deterministic.
/// </summary>
public static class FrenchPortfolio
{
    /// <summary>The method's name, as the warnings begin.</summary>
    private static readonly string Method = CostBasisMethod.FrPortfolio.ToText();

    /// <summary>Years whose disposal prices total this much or less are exempt (art. 150 VH bis II CGI).</summary>
    public const decimal ExemptionThreshold = 305m;

    public sealed record Result(IReadOnlyList<FrenchDisposal> Disposals, IReadOnlyList<Warning> Warnings);

    public static Result Run(IReadOnlyList<LedgerEntry> ledger, PriceBook prices, CostBasisOptions options)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(options);
        var currency = options.BaseCurrency;
        bool IsFiat(Asset a) => a == currency || options.FiatSet.Contains(a);
        var held = new SortedDictionary<Asset, decimal>();
        decimal? pta = 0m;
        var disposals = new List<FrenchDisposal>();
        var warnings = new List<Warning>();

        decimal? Value(Asset asset, decimal quantity, Instant at, LocalDate date, string? account, string? entryId)
        {
            if (asset == currency) return quantity;
            var c = prices.Convert(asset, currency, date);
            if (c.IsFound) return c.Apply(quantity);
            warnings.Add(new Warning(WarningCode.MissingPrice, Severity.Error, account, entryId, string.Create(CultureInfo.InvariantCulture,
                $"{Method}: no {asset}->{currency} price on {LocalDatePattern.Iso.Format(date)}: {DecimalText.Format(quantity)} {asset} cannot be valued, so this and every later form 2086 figure that depends on it is left empty")));
            return null;
        }

        void Add(Asset asset, decimal quantity)
        {
            if (quantity == 0m || IsFiat(asset)) return;
            held[asset] = held.GetValueOrDefault(asset) + quantity;
        }

        foreach (var e in LedgerOrder.Sort(ledger))
        {
            if (e.Kind is EntryKind.Unknown or EntryKind.StakingLock or EntryKind.StakingUnlock) continue;
            var date = e.At.InZone(options.Zone).Date;
            var cryptoOut = e.Legs.Where(l => l.Quantity < 0m && !IsFiat(l.Asset)).ToList();
            var cryptoIn = e.Legs.Where(l => l.Quantity > 0m && !IsFiat(l.Asset)).ToList();
            var fiatIn = e.Legs.Where(l => l.Quantity > 0m && IsFiat(l.Asset)).ToList();
            var fiatOut = e.Legs.Where(l => l.Quantity < 0m && IsFiat(l.Asset)).ToList();
            decimal? fiatFee = e.Fee is { Amount: > 0m } f && IsFiat(f.Asset) ? Value(f.Asset, f.Amount, e.At, date, e.Account, e.Id) : 0m;

            if (e.Kind == EntryKind.Trade && cryptoOut.Count > 0 && fiatIn.Count > 0)
            {
                // A taxable disposal: V is the portfolio just before it.
                decimal? v = 0m;
                foreach (var (asset, quantity) in held)
                    if (quantity > 0m) v += Value(asset, quantity, e.At, date, null, e.Id);
                decimal? price = 0m;
                foreach (var leg in fiatIn) price += Value(leg.Asset, leg.Quantity, e.At, date, e.Account, e.Id);
                decimal? used = v is > 0m && price is { } p && pta is { } before ? before * p / v.Value : null;
                if (v is <= 0m)
                    warnings.Add(new Warning(WarningCode.MissingPrice, Severity.Error, e.Account, e.Id,
                        $"{Method}: a sale with no cryptoassets held before it (portfolio value 0): the gain cannot be computed; check the ledger"));
                var gain = price - fiatFee - used;
                var asset0 = cryptoOut[0].Asset;
                disposals.Add(new FrenchDisposal(e.Id, e.Account, e.At, date, TaxYear.Containing(date, options.TaxYearRule),
                    asset0, -cryptoOut.Where(l => l.Asset == asset0).Sum(l => l.Quantity), v, price, fiatFee, pta, used, gain));
                pta = pta - used;
            }
            else if (e.Kind == EntryKind.Trade && cryptoIn.Count > 0 && fiatOut.Count > 0)
            {
                decimal? paid = 0m;
                foreach (var leg in fiatOut) paid += Value(leg.Asset, -leg.Quantity, e.At, date, e.Account, e.Id);
                pta += paid + fiatFee;
            }
            else if (e.Kind == EntryKind.Deposit && cryptoIn.Count > 0)
            {
                warnings.Add(new Warning(WarningCode.MissingCostBasis, Severity.Warning, e.Account, e.Id, string.Create(CultureInfo.InvariantCulture,
                    $"{Method}: deposit of {string.Join(", ", cryptoIn.Select(l => l.ToString()))} from outside adds nothing to the total acquisition price (PTA); if you paid for these coins elsewhere, add that price to PTA on form 2086 line 220")));
            }

            foreach (var leg in e.Legs)
                if (e.Kind != EntryKind.Withdrawal) Add(leg.Asset, leg.Quantity);
            if (e.Fee is { Amount: > 0m } fee && e.Kind != EntryKind.Withdrawal) Add(fee.Asset, -fee.Amount);
        }
        return new Result(disposals, warnings);
    }

    /// <summary>The totals of <paramref name="year"/>: exempt when the prices total €305 or less.</summary>
    public static FrenchYear Summarize(IReadOnlyList<FrenchDisposal> disposals, TaxYear year)
    {
        ArgumentNullException.ThrowIfNull(disposals);
        var rows = disposals.Where(d => d.TaxYear == year).ToList();
        decimal? total = 0m, gains = 0m, losses = 0m;
        foreach (var d in rows)
        {
            total += d.Price;
            if (d.Gain is not { } g) gains = losses = null;
            else if (g >= 0m) gains += g;
            else losses -= g;
        }
        var net = gains - losses;
        bool? exempt = total is { } t ? t <= ExemptionThreshold : null;
        decimal? taxable = exempt switch { true => 0m, false => net, null => null };
        return new FrenchYear(year.StartYear, rows.Count, rows.Count(r => r.Gain is null), total, gains, losses, net, exempt, taxable);
    }
}

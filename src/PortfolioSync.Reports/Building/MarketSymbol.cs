using PortfolioSync.Domain;
using PortfolioSync.Domain.Pricing;

namespace PortfolioSync.Reports.Building;

/// <summary>
/// Splits a Bitstamp market symbol (<c>btcusd</c>, <c>gbpusd</c>, <c>usdcusd</c>, <c>ethbtc</c>) into its base and
/// quote. Symbols are base + quote with no separator, and neither side has a fixed length, so the rule is:
/// <list type="number">
/// <item>try every split where both sides are asset codes;</item>
/// <item>keep the splits of the best quote class: a fiat currency (the given fiat set; include the base currency in it),
/// then BTC or ETH, then a known stablecoin quote (USDT, USDC, EURC, PYUSD, RLUSD), then any split where both sides
/// are assets the caller knows (e.g. from the ledger);</item>
/// <item>among those, prefer a known base, then the shorter quote.</item>
/// </list>
/// <c>usdcusd</c> is USDC/USD (not USD/CUSD), <c>eurcusd</c> EURC/USD, <c>btcusdt</c> BTC/USDT. A symbol with no
/// split in any class is not guessed at.
/// </summary>
public static class MarketSymbol
{
    private static readonly Asset[] CryptoQuotes = [Asset.Btc, Asset.Parse("ETH")];

    private static readonly Asset[] StableQuotes =
        [Asset.Parse("USDT"), Asset.Parse("USDC"), Asset.Parse("EURC"), Asset.Parse("PYUSD"), Asset.Parse("RLUSD")];

    /// <param name="symbol">The market symbol, any case.</param>
    /// <param name="fiat">Fiat currencies (a quote in this set wins).</param>
    /// <param name="known">Assets the caller knows to exist (ledger assets, base currency); may be empty.</param>
    /// <returns>False when the symbol cannot be split by the rule above.</returns>
    public static bool TrySplit(string symbol, FiatSet fiat, IReadOnlySet<Asset> known, out CurrencyPair pair)
    {
        ArgumentNullException.ThrowIfNull(fiat);
        ArgumentNullException.ThrowIfNull(known);
        pair = default;
        if (string.IsNullOrEmpty(symbol)) return false;
        (int Class, int Rank, CurrencyPair Pair)? best = null;
        for (var i = 1; i < symbol.Length; i++)
        {
            if (!Asset.TryParse(symbol[..i], out var b) || !Asset.TryParse(symbol[i..], out var q)) continue;
            var cls = fiat.Contains(q) ? 0
                : CryptoQuotes.Contains(q) ? 1
                : StableQuotes.Contains(q) ? 2
                : known.Contains(b) && known.Contains(q) ? 3
                : -1;
            if (cls < 0 || b == q) continue;
            // Lower is better: a known base first, then the shorter quote.
            var rank = (known.Contains(b) ? 0 : 100) + q.Code.Length;
            if (best is null || cls < best.Value.Class || (cls == best.Value.Class && rank < best.Value.Rank))
                best = (cls, rank, new CurrencyPair(b, q));
        }
        if (best is null) return false;
        pair = best.Value.Pair;
        return true;
    }
}

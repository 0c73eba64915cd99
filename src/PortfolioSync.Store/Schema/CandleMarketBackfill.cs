using LiteDB;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Pricing;
using N = PortfolioSync.Store.Bson.Names;

namespace PortfolioSync.Store.Schema;

/// <summary>
/// Schema 5: every candle carries its market's base and quote assets (<see cref="DailyPrice.Market"/>). From schema 5 on
/// the sync writes them from the exchange's markets list; this step backfills the candles stored before, once, from
/// their symbol, and only where the symbol ends in one of the quotes Bitstamp listed when schema 5 was written (the fiat
/// quotes first, so <c>usdcusd</c> is USDC/USD). A symbol that fits none is left without (nothing invented): the reports
/// leave its candles out with a warning until the next sync, which sets every stored candle of every listed market
/// from the markets list (<see cref="PortfolioStore.SetPriceMarket"/>) and so also corrects anything this step got
/// wrong. No code after this step splits a symbol.
/// </summary>
internal static class CandleMarketBackfill
{
    // Frozen with the schema step (not a rule for new data): the quotes of Bitstamp's markets list in 2026, fiat first.
    private static readonly string[] Quotes = ["usd", "eur", "gbp", "chf", "btc", "eth", "usdt", "usdc", "eurc", "pyusd", "rlusd"];

    public static void Apply(LiteDatabase db)
    {
        var prices = db.GetCollection(N.Prices);
        var last = BsonValue.MinValue;
        while (true)
        {
            var docs = prices.Find(Query.GT(N.Id, last), 0, SchemaMigrations.CompactBatch).ToList();
            if (docs.Count == 0) return;
            var filled = new List<BsonDocument>();
            foreach (var d in docs)
            {
                if (PortfolioStore.ReadMarket(d) is not null || !d.TryGetValue("pair", out var pair) || !pair.IsString) continue;
                if (Split(pair.AsString) is not { } market) continue;
                PortfolioStore.WriteMarket(d, market);
                filled.Add(d);
            }
            if (filled.Count > 0) prices.Update(filled);
            if (docs.Count < SchemaMigrations.CompactBatch) return;
            last = docs[^1][N.Id];
        }
    }

    internal static CurrencyPair? Split(string symbol)
    {
        foreach (var quote in Quotes)
            if (symbol.Length > quote.Length && symbol.EndsWith(quote, StringComparison.Ordinal)
                && Asset.TryParse(symbol[..^quote.Length], out var b) && Asset.TryParse(quote, out var q))
                return new CurrencyPair(b, q);
        return null;
    }
}

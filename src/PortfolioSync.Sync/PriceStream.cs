using NodaTime;
using PortfolioSync.Bitstamp;
using PortfolioSync.Bitstamp.Records;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Warnings;
using PortfolioSync.Store;

namespace PortfolioSync.Sync;

/// <summary>
/// Pulls daily OHLC candles for every market that links two currencies the ledger or the reports need (the
/// ledger's assets, the base currency and the fiat set, so cross pairs such as <c>gbpusd</c> come too), from the
/// newest stored day (refetched: it may have been partial) or the first ledger day, up to today.
/// </summary>
internal sealed class PriceStream(StoreWorker store, SyncOptions options, TimeProvider time, ISyncProgress progress)
{
    private const int Daily = 86400;
    private const int MaxCandles = 1000;

    public async Task<PriceSyncResult> RunAsync(IBitstampClient client, CancellationToken ct)
    {
        var warnings = new List<Warning>();
        var span = await store.RunAsync(s => s.GetLedgerSpan(), ct).ConfigureAwait(false);
        if (span.First is not { } first) return new PriceSyncResult(0, 0, 0, warnings, null);

        var wanted = new HashSet<Asset>(span.Assets) { options.BaseCurrency };
        foreach (var code in options.Fiat.Codes) wanted.Add(Asset.Parse(code));
        var markets = await client.GetMarketsAsync(ct).ConfigureAwait(false);
        var pairs = markets.Where(m => m.Value is { } v && wanted.Contains(v.Base) && wanted.Contains(v.Counter)
                                       && (span.Assets.Contains(v.Base) || span.Assets.Contains(v.Counter) || options.Fiat.Contains(v.Base)))
            .Select(m => m.Value!.Symbol).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        var today = Instant.FromDateTimeOffset(time.GetUtcNow()).InUtc().Date;
        var candles = 0;
        foreach (var pair in pairs)
        {
            var from = await store.RunAsync(s => s.GetLatestPriceDate(pair), ct).ConfigureAwait(false) ?? first.InUtc().Date;
            while (from <= today)
            {
                ct.ThrowIfCancellationRequested();
                var start = from.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
                var series = await client.GetOhlcAsync(pair, Daily, start, null, MaxCandles, ct).ConfigureAwait(false);
                var rows = new List<DailyPrice>();
                foreach (var c in series.Candles)
                {
                    if (c.Value is not { } v)
                    {
                        warnings.Add(new Warning(WarningCode.MalformedRecord, Severity.Warning, null, null, $"ohlc {pair}: {c.Malformed}"));
                        continue;
                    }
                    rows.Add(new DailyPrice(pair, v.At.InUtc().Date, v.Open, v.High, v.Low, v.Close, "bitstamp"));
                }
                if (rows.Count > 0) await store.RunAsync(s => s.UpsertPrices(rows), ct).ConfigureAwait(false);
                candles += rows.Count;
                progress.PageCommitted(new PageProgress("prices", pair, 1, rows.Count, rows.Count, 0, 0, candles, null));
                if (series.Candles.Count < MaxCandles || rows.Count == 0) break;
                var next = rows.Max(r => r.Date).PlusDays(1);
                if (next <= from) break;
                from = next;
            }
        }
        foreach (var w in warnings) progress.Warning(w);
        return new PriceSyncResult(pairs.Count, candles, 0, warnings, null);
    }
}

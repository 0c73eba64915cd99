using NodaTime;
using PortfolioSync.Bitstamp;
using PortfolioSync.Bitstamp.Errors;
using PortfolioSync.Bitstamp.Records;
using PortfolioSync.Domain;
using CurrencyPair = PortfolioSync.Domain.Pricing.CurrencyPair;
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
        var pairs = markets.Where(m => m.Value is { IsTradingSpot: true } v && wanted.Contains(v.Base) && wanted.Contains(v.Counter)
                                       && (span.Assets.Contains(v.Base) || span.Assets.Contains(v.Counter) || options.Fiat.Contains(v.Base)))
            .Select(m => m.Value!).DistinctBy(m => m.Symbol, StringComparer.Ordinal).OrderBy(m => m.Symbol, StringComparer.Ordinal)
            .Select(m => (m.Symbol, Market: new CurrencyPair(m.Base, m.Counter))).ToList();

        var today = Instant.FromDateTimeOffset(time.GetUtcNow()).InUtc().Date;
        var candles = 0;
        var failed = 0;
        string? firstError = null;
        foreach (var (pair, market) in pairs)
        {
            try
            {
                // The markets list names base and quote: candles stored before (schema 5 backfill) take them from it.
                await store.RunAsync(s => s.SetPriceMarket(pair, market), ct).ConfigureAwait(false);
                candles += await SyncPairAsync(client, pair, market, first.InUtc().Date, today, warnings, ct).ConfigureAwait(false);
            }
            catch (BitstampApiException e)
            {
                // One pair failing is a warning for that pair; the other pairs still sync.
                failed++;
                firstError ??= e.Message;
                warnings.Add(new Warning(WarningCode.MissingPrice, Severity.Warning, null, null,
                    $"prices of {pair} were not updated this run: {e.Message}"));
            }
        }
        foreach (var w in warnings) progress.Warning(w);
        return new PriceSyncResult(pairs.Count, candles, 0, warnings, failed > 0 && failed == pairs.Count ? firstError : null);
    }

    // Windows of MaxCandles days, each asked with start and end (as ccxt does: end = start + step × (limit − 1); the API
    // documents that end decides when both are sent). An empty window before today is a gap (a pair listed later), not
    // the end.
    private async Task<int> SyncPairAsync(IBitstampClient client, string pair, CurrencyPair market, LocalDate firstDay, LocalDate today,
        List<Warning> warnings, CancellationToken ct)
    {
        // Incremental after the newest stored candle; --full asks every window again, so that candles lost from the middle
        // (a repaired store) come back (only the candles that differ are written).
        var from = options.Full ? firstDay : await store.RunAsync(s => s.GetLatestPriceDate(pair), ct).ConfigureAwait(false) ?? firstDay;
        var candles = 0;
        while (from <= today)
        {
            ct.ThrowIfCancellationRequested();
            var start = from.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
            var end = start + Duration.FromSeconds((long)Daily * (MaxCandles - 1));
            var series = await client.GetOhlcAsync(pair, Daily, start, end, MaxCandles, ct).ConfigureAwait(false);
            var rows = new List<DailyPrice>();
            foreach (var c in series.Candles)
            {
                if (c.Value is not { } v)
                {
                    warnings.Add(new Warning(WarningCode.MalformedRecord, Severity.Warning, null, null, $"ohlc {pair}: {c.Malformed}"));
                    continue;
                }
                var day = v.At.InUtc().Date;
                if (day < from) continue;   // a server that ignores start gives older candles: already stored
                rows.Add(new DailyPrice(pair, market, day, v.Open, v.High, v.Low, v.Close, "bitstamp"));
            }
            if (rows.Count > 0) await store.RunAsync(s => s.UpsertPrices(rows), ct).ConfigureAwait(false);
            candles += rows.Count;
            progress.PageCommitted(new PageProgress("prices", pair, 1, rows.Count, rows.Count, 0, 0, candles, null));
            var windowEnd = end.InUtc().Date;
            // A full window may go on past its last candle; any other window was answered in full.
            var next = rows.Count == MaxCandles ? rows.Max(r => r.Date).PlusDays(1) : windowEnd.PlusDays(1);
            if (rows.Count < MaxCandles && windowEnd >= today) break;
            if (next <= from) break;
            from = next;
        }
        return candles;
    }
}

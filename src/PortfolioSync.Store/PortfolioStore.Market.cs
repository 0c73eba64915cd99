using LiteDB;
using NodaTime;
using NodaTime.Text;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Pricing;
using PortfolioSync.Store.Bson;
using N = PortfolioSync.Store.Bson.Names;

namespace PortfolioSync.Store;

public sealed partial class PortfolioStore
{
    private static readonly LocalDatePattern IsoDate = LocalDatePattern.Iso;

    /// <summary>
    /// Stores the balances one run took of one account (keys <c>{account}/{run id}/{asset}</c>; the same run writing
    /// again replaces its rows) and makes it the account's latest snapshot unless a later one exists. One transaction.
    /// </summary>
    public void WriteBalances(string account, string runId, Instant at, IReadOnlyList<BalanceRow> rows)
    {
        RawKey.Name(account, nameof(account));
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentNullException.ThrowIfNull(rows);
        InTransaction(() =>
        {
            var prefix = Invariant($"{account}/{runId}/");
            _balances.DeleteMany(KeyPrefix(prefix));
            _balances.Insert(rows.Select(r => new BsonDocument
            {
                [N.Id] = prefix + r.Asset.Code,
                [N.Account] = account,
                [N.Run] = runId,
                [N.Asset] = r.Asset.Code,
                ["total"] = r.Total,
                ["available"] = r.Available,
                ["reserved"] = r.Reserved,
                [N.At] = Ticks.Of(at),
            }));
            var latestKey = N.LatestBalancesPrefix + account;
            var latest = _meta.FindById(latestKey);
            if (latest is null || Ticks.ToInstant(latest[N.At]) <= at)
                _meta.Upsert(new BsonDocument { [N.Id] = latestKey, [N.Run] = runId, [N.At] = Ticks.Of(at) });
            return 0;
        });
    }

    /// <summary>The latest balance snapshot of an account (rows in asset order), or null when none was taken.</summary>
    public BalanceSnapshot? GetLatestBalances(string account)
    {
        ThrowIfDisposed();
        if (_meta.FindById(N.LatestBalancesPrefix + account) is not { } latest) return null;
        var runId = latest[N.Run].AsString;
        var rows = _balances.Find(KeyPrefix(Invariant($"{account}/{runId}/")))
            .Select(d => new BalanceRow(Asset.Parse(d[N.Asset].AsString), d["total"].AsDecimal, d["available"].AsDecimal, d["reserved"].AsDecimal))
            .OrderBy(r => r.Asset).ToList();
        return new BalanceSnapshot(account, runId, Ticks.ToInstant(latest[N.At]), rows);
    }

    /// <summary>Inserts or replaces daily prices (key <c>{pair}/{yyyy-MM-dd}</c>) in one transaction; returns how many
    /// were new or different.</summary>
    public int UpsertPrices(IReadOnlyList<DailyPrice> prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        return InTransaction(() =>
        {
            var written = 0;
            foreach (var p in prices)
            {
                var doc = PriceDocument(p);
                var old = _prices.FindById(doc[N.Id]);
                if (old is not null && ToPrice(old) == p) continue;
                _prices.Upsert(doc);
                written++;
            }
            if (written > 0) RaisePriceVersion();
            return written;
        });
    }

    /// <summary>Prices of a pair with <paramref name="from"/> ≤ date ≤ <paramref name="to"/>, in date order (key range scan).</summary>
    public IReadOnlyList<DailyPrice> ReadPrices(string pair, LocalDate from, LocalDate to)
    {
        ThrowIfDisposed();
        if (to < from) return [];
        return _prices.Find(Query.Between(N.Id, PriceKey(pair, from), PriceKey(pair, to)))
            .Select(ToPrice).OrderBy(p => p.Date).ToList();
    }

    /// <summary>
    /// All stored prices in pair, then date order (for the price book): from the price cache when it is current and
    /// intact (written at the end of every sync and repair run beside the ledger cache), else from the candles' own
    /// documents (<see cref="ScanPrices"/>).
    /// </summary>
    public IReadOnlyList<DailyPrice> ReadPrices()
    {
        ThrowIfDisposed();
        return TryReadPriceCache() ?? ScanPrices();
    }

    /// <summary>All stored prices in pair, then date order, read from every candle's own document.</summary>
    public List<DailyPrice> ScanPrices()
    {
        ThrowIfDisposed();
        return _prices.FindAll().Select(ToPrice)
            .OrderBy(p => p.Pair, StringComparer.Ordinal).ThenBy(p => p.Date).ToList();
    }

    /// <summary>The newest stored date of a pair (incremental price sync starts after it), or null.</summary>
    public LocalDate? GetLatestPriceDate(string pair)
    {
        ThrowIfDisposed();
        var last = _prices.Query().Where(KeyPrefix(pair + "/")).OrderByDescending(N.Id).Select(N.Id).Limit(1)
            .ToDocuments().FirstOrDefault();
        return last is null ? null : IsoDate.Parse(last[N.Id].AsString[(pair.Length + 1)..]).Value;
    }

    private static string PriceKey(string pair, LocalDate date) => $"{pair}/{IsoDate.Format(date)}";

    /// <summary>
    /// Sets the base and quote of every stored candle of <paramref name="pair"/> that has none or other ones (the markets
    /// list is the authority: a candle backfilled from its symbol by schema 5 is corrected here). One transaction;
    /// returns how many candles changed (0 when all already agree, so calling it on every sync costs one key-range read).
    /// </summary>
    public int SetPriceMarket(string pair, CurrencyPair market)
    {
        if (!DailyPrice.IsPair(pair)) throw new ArgumentException($"'{pair}' is not a pair (1-32 lower-case letters or digits)", nameof(pair));
        return InTransaction(() =>
        {
            var changed = _prices.Find(KeyPrefix(pair + "/")).Where(d => ReadMarket(d) != market).ToList();
            foreach (var d in changed) WriteMarket(d, market);
            if (changed.Count > 0)
            {
                _prices.Update(changed);
                RaisePriceVersion();
            }
            return changed.Count;
        });
    }

    private static BsonDocument PriceDocument(DailyPrice p)
    {
        var d = new BsonDocument
        {
            [N.Id] = PriceKey(p.Pair, p.Date),
            ["pair"] = p.Pair,
            ["date"] = IsoDate.Format(p.Date),
            ["open"] = p.Open,
            ["high"] = p.High,
            ["low"] = p.Low,
            ["close"] = p.Close,
            [N.Source] = p.Source,
        };
        if (p.Market is { } m) WriteMarket(d, m);
        return d;
    }

    internal static void WriteMarket(BsonDocument d, CurrencyPair market)
    {
        d[N.Base] = market.Base.Code;
        d[N.Quote] = market.Quote.Code;
    }

    /// <summary>
    /// A stored <c>yyyy-MM-dd</c> date: read by hand when it is a valid ISO date (a report reads thousands, and NodaTime's
    /// pattern parser was a tenth of a report's store read); anything else goes to the pattern, which names the problem.
    /// </summary>
    internal static LocalDate ParseDate(string text)
    {
        if (text.Length == 10 && text[4] == '-' && text[7] == '-'
            && Digits(text, 0, 4, out var year) && Digits(text, 5, 2, out var month) && Digits(text, 8, 2, out var day)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= CalendarSystem.Iso.GetDaysInMonth(year, month))
            return new LocalDate(year, month, day);
        return IsoDate.Parse(text).Value;

        static bool Digits(string s, int start, int count, out int value)
        {
            value = 0;
            for (var i = start; i < start + count; i++)
            {
                var c = s[i];
                if (c is < '0' or > '9') return false;
                value = value * 10 + (c - '0');
            }
            return true;
        }
    }

    internal static CurrencyPair? ReadMarket(BsonDocument d) =>
        d.TryGetValue(N.Base, out var b) && b.IsString && Asset.TryParse(b.AsString, out var baseAsset)
        && d.TryGetValue(N.Quote, out var q) && q.IsString && Asset.TryParse(q.AsString, out var quoteAsset)
            ? new CurrencyPair(baseAsset, quoteAsset)
            : null;

    private static DailyPrice ToPrice(BsonDocument d) => new(
        d["pair"].AsString, ReadMarket(d), ParseDate(d["date"].AsString),
        d["open"].AsDecimal, d["high"].AsDecimal, d["low"].AsDecimal, d["close"].AsDecimal, d[N.Source].AsString);
}

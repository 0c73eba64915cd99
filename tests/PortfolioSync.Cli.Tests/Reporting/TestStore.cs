using System.Globalization;
using NodaTime.Text;
using PortfolioSync.Bitstamp.Json;
using PortfolioSync.Bitstamp.Mapping;
using PortfolioSync.Store;

namespace PortfolioSync.Cli.Tests.Reporting;

/// <summary>
/// Builds a real LiteDB store file the way a sync would: Bitstamp <c>user_transactions</c> JSON written here, parsed and
/// mapped by the real parser and mapper, committed page by page with <see cref="PortfolioStore.CommitPage"/>; daily
/// closes through <see cref="PortfolioStore.UpsertPrices"/>. Times are UTC (<c>yyyy-MM-dd HH:mm:ss</c>), amounts text.
/// </summary>
internal sealed class TestStore
{
    private readonly SortedDictionary<string, List<(long Id, string Json)>> _records = new(StringComparer.Ordinal);
    private readonly List<DailyPrice> _prices = [];
    private long _nextId = 270_000_000;

    /// <summary>type 0: something came in from outside.</summary>
    public TestStore Deposit(string account, string at, string asset, string amount) =>
        Add(account, id => $$"""{"id":{{id}},"datetime":"{{at}}","type":"0","fee":"0.00","{{asset}}":"{{amount}}"}""");

    /// <summary>type 1: something left to outside.</summary>
    public TestStore Withdrawal(string account, string at, string asset, string amount) =>
        Add(account, id => $$"""{"id":{{id}},"datetime":"{{at}}","type":"1","fee":"0.00","{{asset}}":"-{{amount}}"}""");

    /// <summary>type 2, bought <paramref name="quantity"/> of <paramref name="asset"/> for <paramref name="paid"/>
    /// of <paramref name="quote"/>, fee in the quote.</summary>
    public TestStore Buy(string account, string at, string asset, string quantity, string quote, string paid, string fee) =>
        Trade(account, at, asset, quantity, quote, "-" + paid, fee);

    /// <summary>type 2, sold <paramref name="quantity"/> of <paramref name="asset"/> for <paramref name="received"/>
    /// of <paramref name="quote"/>, fee in the quote.</summary>
    public TestStore Sell(string account, string at, string asset, string quantity, string quote, string received, string fee) =>
        Trade(account, at, asset, "-" + quantity, quote, received, fee);

    /// <summary>type 27: staking reward.</summary>
    public TestStore StakingReward(string account, string at, string asset, string amount) =>
        Add(account, id => $$"""{"id":{{id}},"datetime":"{{at}}","type":"27","fee":"0.00","{{asset}}":"{{amount}}"}""");

    /// <summary>type 26: sent to staking (<paramref name="amount"/> positive, written negative).</summary>
    public TestStore SentToStaking(string account, string at, string asset, string amount) =>
        Add(account, id => $$"""{"id":{{id}},"datetime":"{{at}}","type":"26","fee":"0.00","{{asset}}":"-{{amount}}"}""");

    /// <summary>type 25: credited with staked assets (ETH staked comes back as ETH2).</summary>
    public TestStore CreditedWithStaked(string account, string at, string asset, string amount) =>
        Add(account, id => $$"""{"id":{{id}},"datetime":"{{at}}","type":"25","fee":"0.00","{{asset}}":"{{amount}}"}""");

    /// <summary>type 14: one side of a sub-account transfer (<paramref name="amount"/> signed: negative leaves).</summary>
    public TestStore Transfer(string account, string at, string asset, string amount) =>
        Add(account, id => $$"""{"id":{{id}},"datetime":"{{at}}","type":"14","fee":"0.00","{{asset}}":"{{amount}}"}""");

    /// <summary>A record the mapper does not know (kept raw, Unknown entry).</summary>
    public TestStore UnknownType(string account, string at) =>
        Add(account, id => $$"""{"id":{{id}},"datetime":"{{at}}","type":"999","fee":"0.00","btc":"1.0"}""");

    /// <summary>A daily close of a market named base/quote (lower case, e.g. <c>btc/gbp</c>: stored as symbol
    /// <c>btcgbp</c> with base BTC and quote GBP, as the sync stores it from the markets list) on a UTC date.</summary>
    public TestStore Close(string market, string date, string close)
    {
        var c = decimal.Parse(close, CultureInfo.InvariantCulture);
        var slash = market.IndexOf('/', StringComparison.Ordinal);
        var pair = new PortfolioSync.Domain.Pricing.CurrencyPair(PortfolioSync.Domain.Asset.Parse(market[..slash]), PortfolioSync.Domain.Asset.Parse(market[(slash + 1)..]));
        _prices.Add(new DailyPrice(market.Replace("/", "", StringComparison.Ordinal), pair, LocalDatePattern.Iso.Parse(date).Value, c, c, c, c, "test"));
        return this;
    }

    /// <summary>The same close on every day from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public TestStore Closes(string pair, string from, string to, string close)
    {
        for (var d = LocalDatePattern.Iso.Parse(from).Value; d <= LocalDatePattern.Iso.Parse(to).Value; d = d.PlusDays(1))
            Close(pair, LocalDatePattern.Iso.Format(d), close);
        return this;
    }

    /// <summary>Writes the store file (one page per account) and returns its path.</summary>
    public string WriteTo(string path)
    {
        using var store = PortfolioStore.Open(path, new StoreOptions { Time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T02:00:00Z", CultureInfo.InvariantCulture)) });
        var run = store.StartRun();
        foreach (var (account, records) in _records)
        {
            var page = new List<PageRecord>();
            foreach (var (id, json) in records)
            {
                var parsed = UserTransactionParser.Parse(json);
                if (parsed.Value is null) throw new InvalidOperationException($"test record does not parse: {parsed.Malformed}");
                var mapping = LedgerMapper.Map(account, parsed.Value);
                page.Add(new PageRecord(id, json, mapping.Entry, mapping.Warning?.Message));
            }
            store.CommitPage(new PageCommit(account, LedgerMapper.Stream, run.Id, page));
        }
        if (_prices.Count > 0) store.UpsertPrices(_prices);
        store.FinishRun(run.Id, RunStatus.Succeeded, [], []);
        return path;
    }

    private TestStore Trade(string account, string at, string asset, string quantity, string quote, string quoteAmount, string fee)
    {
        var rateKey = $"{asset}_{quote}";
        return Add(account, id => $$"""{"id":{{id}},"datetime":"{{at}}","type":"2","fee":"{{fee}}","{{asset}}":"{{quantity}}","{{quote}}":"{{quoteAmount}}","{{rateKey}}":"1","order_id":{{id + 5_000_000}}}""");
    }

    private TestStore Add(string account, Func<long, string> json)
    {
        var id = _nextId += 7;
        if (!_records.TryGetValue(account, out var list)) _records[account] = list = [];
        list.Add((id, json(id)));
        return this;
    }
}

using System.Collections;

namespace PortfolioSync.FakeBitstamp.Data;

/// <summary>
/// One account's user transactions, ordered as the API documents <c>sort</c>: by datetime, then by id (ascending),
/// with an index per market and the balances derived from them. Ids are unique; nothing requires id order to equal
/// datetime order (the real API documents no such thing, bitstamp-api.md §9). Immutable.
/// </summary>
public sealed class TransactionHistory : IReadOnlyList<UserTransaction>
{
    private readonly UserTransaction[] records;
    private readonly Dictionary<string, int[]> byMarket;
    private readonly MarketPair[] markets;
    private readonly Dictionary<string, decimal> balances;

    /// <exception cref="ArgumentException">Two records share an id.</exception>
    public TransactionHistory(IEnumerable<UserTransaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        records = transactions.ToArray();
        if (!IsSorted(records)) Array.Sort(records, Compare);
        var ids = new HashSet<long>();
        IdsFollowTime = true;
        for (var i = 0; i < records.Length; i++)
        {
            if (!ids.Add(records[i].Id)) throw new ArgumentException($"Two records have the id {records[i].Id}.", nameof(transactions));
            if (i > 0 && records[i].Id < records[i - 1].Id) IdsFollowTime = false;
        }

        byMarket = IndexMarkets(records);
        markets = byMarket.Keys.Order(StringComparer.Ordinal)
            .Select(symbol => records[byMarket[symbol][0]].Market!).ToArray();
        balances = SumBalances(records);
    }

    public static TransactionHistory Empty { get; } = new([]);

    /// <summary>True when id order equals datetime order (then a <c>since_id</c> is one binary search).</summary>
    public bool IdsFollowTime { get; }

    public int Count => records.Length;

    public UserTransaction this[int index] => records[index];

    /// <summary>Markets that occur with a non-zero pair rate, ordered by symbol.</summary>
    public IReadOnlyList<MarketPair> Markets => markets;

    /// <summary>
    /// Balance per currency: the sum of every record's amounts minus its fee in its fee currency. Staked amounts
    /// (sent with type 26) are not in it. Currencies that never occur are absent.
    /// </summary>
    public IReadOnlyDictionary<string, decimal> Balances => balances;

    public IEnumerator<UserTransaction> GetEnumerator() => ((IEnumerable<UserTransaction>)records).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The records of one market (<c>btcusd</c>) in datetime-then-id order, or of every market when null.</summary>
    internal RecordView View(string? market) =>
        market is null ? new RecordView(records, null)
        : byMarket.TryGetValue(market, out var index) ? new RecordView(records, index)
        : new RecordView(records, []);

    /// <summary>The effect of one record on the balances (amounts, fee subtracted), currency by currency.</summary>
    public static void Apply(UserTransaction record, IDictionary<string, decimal> balances)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(balances);
        foreach (var a in record.Amounts) Add(balances, a.Currency, a.Amount);
        if (record.FeeCurrency is { } feeCurrency) Add(balances, feeCurrency, -record.Fee);
    }

    private static void Add(IDictionary<string, decimal> balances, string currency, decimal amount) =>
        balances[currency] = balances.TryGetValue(currency, out var sum) ? sum + amount : amount;

    private static int Compare(UserTransaction a, UserTransaction b)
    {
        var byTime = a.DateTime.CompareTo(b.DateTime);
        return byTime != 0 ? byTime : a.Id.CompareTo(b.Id);
    }

    private static bool IsSorted(UserTransaction[] records)
    {
        for (var i = 1; i < records.Length; i++)
            if (Compare(records[i - 1], records[i]) > 0) return false;
        return true;
    }

    private static Dictionary<string, int[]> IndexMarkets(UserTransaction[] records)
    {
        var lists = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < records.Length; i++)
        {
            if (records[i].Market is not { } market) continue;
            if (!lists.TryGetValue(market.Symbol, out var list)) lists.Add(market.Symbol, list = []);
            list.Add(i);
        }

        return lists.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
    }

    private static Dictionary<string, decimal> SumBalances(UserTransaction[] records)
    {
        var sums = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var record in records) Apply(record, sums);
        return sums;
    }
}

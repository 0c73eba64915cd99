using LiteDB;
using PortfolioSync.Domain;
using PortfolioSync.Store.Bson;
using N = PortfolioSync.Store.Bson.Names;

namespace PortfolioSync.Store;

public sealed partial class PortfolioStore
{
    /// <summary>
    /// The balance the ledger gives an account, per asset (every entry's legs minus its fee), maintained by each page
    /// commit: no scan. Assets whose sum is zero are included when the ledger ever moved them.
    /// </summary>
    public IReadOnlyDictionary<Asset, decimal> GetLedgerBalances(string account)
    {
        ThrowIfDisposed();
        var prefix = RawKey.Name(account, nameof(account)) + "/";
        return _ledgerSums.Find(Query.Between(N.Id, prefix, prefix + "\uffff")).ToList()
            .ToDictionary(d => Asset.Parse(d[N.Asset].AsString), d => d[N.Sum].AsDecimal);
    }

    /// <summary>First and last instant of the stored ledger and the assets it mentions; maintained, no scan.</summary>
    public LedgerSpan GetLedgerSpan()
    {
        ThrowIfDisposed();
        var doc = _meta.FindById(N.LedgerSpanKey);
        if (doc is null) return new LedgerSpan(null, null, new HashSet<Asset>());
        return new LedgerSpan(Ticks.ToNullableInstant(doc[N.First]), Ticks.ToNullableInstant(doc[N.Last]),
            doc[N.Assets].AsArray.Select(a => Asset.Parse(a.AsString)).ToHashSet());
    }
}

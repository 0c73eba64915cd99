namespace PortfolioSync.Store.Bson;

/// <summary>Collection, index and field names of the schema (docs/store.md). Changing one needs a migration.</summary>
internal static class Names
{
    public const string Raw = "raw";
    public const string RawVersions = "raw_versions";
    public const string RawFlags = "raw_flags";
    public const string Ledger = "ledger";
    public const string Cursors = "cursors";
    public const string Balances = "balances";
    public const string Prices = "prices";
    public const string Runs = "runs";
    public const string Meta = "meta";
    public const string LedgerSums = "ledger_sums";
    /// <summary>Schema 7: the whole ledger as checksummed chunks plus a header (<see cref="PortfolioStore.RefreshLedgerCache"/>).</summary>
    public const string LedgerCache = "ledger_cache";
    public const string CacheHeaderKey = "header";
    /// <summary>Schema 7: the <c>meta</c> document whose <c>v</c> every page commit that writes the ledger raises.</summary>
    public const string LedgerVersionKey = "ledger-version";
    /// <summary>The whole candle set as checksummed chunks plus a header (<see cref="PortfolioStore.RefreshLedgerCache"/>
    /// writes it beside the ledger cache). Optional: created by the first run that writes it; a store without it scans.</summary>
    public const string PriceCache = "price_cache";
    /// <summary>The <c>meta</c> document whose <c>v</c> every write that changes a stored candle raises.</summary>
    public const string PriceVersionKey = "price-version";

    public const string Id = "_id";
    public const string Account = "account";
    public const string Stream = "stream";
    public const string ExternalId = "xid";
    public const string Json = "json";
    public const string FetchedAt = "fetched";
    public const string Run = "run";
    public const string Version = "v";
    public const string Entry = "entry";
    public const string Problem = "problem";
    public const string EntryHash = "entryHash";
    public const string Key = "key";
    public const string SupersededAt = "superseded";
    public const string Detail = "detail";
    public const string Sum = "sum";
    public const string First = "first";
    public const string Assets = "assets";
    public const string LedgerSpanKey = "ledger-span";

    public const string At = "at";
    public const string Kind = "kind";
    public const string Legs = "legs";
    public const string Asset = "asset";
    public const string Quantity = "qty";
    public const string Fee = "fee";
    public const string Order = "order";
    public const string Source = "src";
    public const string Body = "e";
    public const string Checksum = "c";

    public const string Last = "last";
    public const string LastAt = "lastAt";
    public const string Updated = "updated";
    public const string Records = "n";
    public const string Unmapped = "unmapped";
    public const string Versions = "versions";
    public const string Max = "max";

    public const string SchemaKey = "schema";
    public const string SchemaVersion = "version";
    /// <summary>Prefix of the <c>meta</c> marker a data-keyed migration leaves once it has run (<c>migration/5</c>).</summary>
    public const string MigrationMarkerPrefix = "migration/";
    /// <summary>A candle's base and quote assets (absent on a candle stored before schema 5 that its backfill could
    /// not split: the next sync fills it from the markets list).</summary>
    public const string Base = "base";
    public const string Quote = "quote";
    public const string LatestBalancesPrefix = "balances-latest/";
}

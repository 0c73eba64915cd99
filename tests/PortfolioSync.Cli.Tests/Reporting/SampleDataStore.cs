using System.Globalization;
using System.Text.Json;
using NodaTime;
using PortfolioSync.Bitstamp.Json;
using PortfolioSync.Bitstamp.Mapping;
using PortfolioSync.Store;

namespace PortfolioSync.Cli.Tests.Reporting;

/// <summary>
/// Loads the repository's <c>sample-data/</c> into a real store as a sync would (every account's user_transactions
/// parsed and mapped by the real parser and mapper, pages of 1000; the daily OHLC files as prices), without the
/// server. For report tests on realistic data and for rendering the sample reports by hand.
/// </summary>
internal static class SampleDataStore
{
    public static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "sample-data", "server.json"))) return Path.Combine(dir.FullName, "sample-data");
        throw new DirectoryNotFoundException("sample-data/ not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// The sample data's store, written once per test process (<see cref="Build"/>) into a file of its own; each
    /// <see cref="WriteTo"/> copies it.
    /// </summary>
    private static readonly Lazy<(string Path, int Records, int Flagged)> Template = new(() =>
    {
        var folder = ProcessTempFolder.Create("psync-cli-sample-");
        var path = Path.Combine(folder, "sample.db");
        var (records, flagged) = Build(path);
        return (path, records, flagged);
    });

    /// <summary>
    /// Puts a store holding all of the sample data at <paramref name="storePath"/>, which must not exist yet: a copy of
    /// the one <see cref="Build"/> wrote for this test process (the same bytes as writing it there).
    /// </summary>
    /// <returns>(records committed, records the mapper flagged)</returns>
    public static (int Records, int Flagged) WriteTo(string storePath)
    {
        var (template, records, flagged) = Template.Value;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(storePath))!);
        File.Copy(template, storePath, overwrite: false);
        return (records, flagged);
    }

    private static (int Records, int Flagged) Build(string storePath)
    {
        var data = Folder();
        using var store = PortfolioStore.Open(storePath, new StoreOptions
        {
            Time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T02:00:00Z", CultureInfo.InvariantCulture)),
        });
        var run = store.StartRun();
        var records = 0;
        var flagged = 0;
        foreach (var accountDir in Directory.GetDirectories(data).Order(StringComparer.Ordinal))
        {
            var account = Path.GetFileName(accountDir);
            var file = Path.Combine(accountDir, "user_transactions.json");
            if (account == "ohlc" || !File.Exists(file)) continue;
            var raws = RawJson.SplitArray(File.ReadAllBytes(file));
            foreach (var chunk in raws.Chunk(1000))
            {
                var page = new List<PageRecord>();
                foreach (var json in chunk)
                {
                    var parsed = UserTransactionParser.Parse(json);
                    if (parsed.Value is null)
                    {
                        page.Add(PageRecord.Unmapped(parsed.Id ?? throw new InvalidOperationException("sample record without id"), json, parsed.Malformed!.ToString()));
                        flagged++;
                        continue;
                    }
                    var mapping = LedgerMapper.Map(account, parsed.Value);
                    if (mapping.Warning is not null) flagged++;
                    page.Add(new PageRecord(parsed.Value.Id, json, mapping.Entry, mapping.Warning?.Message));
                }
                store.CommitPage(new PageCommit(account, LedgerMapper.Stream, run.Id, page));
                records += page.Count;
            }
        }
        store.UpsertPrices(Prices(data));
        store.FinishRun(run.Id, RunStatus.Succeeded, [], []);
        return (records, flagged);
    }

    /// <summary>Writes only the sample data's daily OHLC candles as prices (what sync fetches from the public endpoint).</summary>
    public static void WritePricesTo(string storePath)
    {
        using var store = PortfolioStore.Open(storePath, new StoreOptions
        {
            Time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T02:00:00Z", CultureInfo.InvariantCulture)),
        });
        store.UpsertPrices(Prices(Folder()));
    }

    private static List<DailyPrice> Prices(string data)
    {
        var prices = new List<DailyPrice>();
        foreach (var file in Directory.GetFiles(Path.Combine(data, "ohlc"), "*.json").Order(StringComparer.Ordinal))
        {
            var pair = Path.GetFileNameWithoutExtension(file);
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            // The answer names the market ("BTC/USD"), as the markets list does for the sync.
            var named = doc.RootElement.GetProperty("data").GetProperty("pair").GetString()!.Split('/');
            var market = new PortfolioSync.Domain.Pricing.CurrencyPair(PortfolioSync.Domain.Asset.Parse(named[0]), PortfolioSync.Domain.Asset.Parse(named[1]));
            foreach (var candle in doc.RootElement.GetProperty("data").GetProperty("ohlc").EnumerateArray())
            {
                var date = Instant.FromUnixTimeSeconds(long.Parse(candle.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture)).InUtc().Date;
                decimal D(string name) => decimal.Parse(candle.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);
                prices.Add(new DailyPrice(pair, market, date, D("open"), D("high"), D("low"), D("close"), "bitstamp-ohlc"));
            }
        }
        return prices;
    }
}

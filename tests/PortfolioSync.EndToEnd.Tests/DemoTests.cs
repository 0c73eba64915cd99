using System.Globalization;
using NodaTime;

namespace PortfolioSync.EndToEnd.Tests;

/// <summary>
/// The demo pipeline in-process on the committed sample data (local server over loopback, real sync into a real
/// LiteDB file, every report and the chart), checked against figures worked out here from the sample JSON alone
/// (<see cref="ShownDemo"/>: the first run uses the copy built into the program).
/// </summary>
public sealed class DemoTests : IClassFixture<DemoTests.DemoRun>
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private readonly DemoRun _demo;

    public DemoTests(DemoRun demo) => _demo = demo;

    public sealed class DemoRun : IAsyncLifetime
    {
        private ShownDemo _shown = null!;

        public TempFolder Folder => _shown.Folder;
        public string Out => _shown.Out;
        public (int Code, string Out, string Error) First => _shown.First;
        public (int Code, string Out, string Error) Second => _shown.Second;
        public SampleFacts Facts { get; } = SampleFacts.Load(Path.Combine(RepoPaths.Root, "sample-data"));

        public async Task InitializeAsync() => _shown = await ShownDemo.Once.Value;

        public Task DisposeAsync() => Task.CompletedTask;
    }

    [Fact]
    public async Task Report_for_each_year_writes_the_same_bytes_as_the_demo_for_the_same_store_and_rules()
    {
        // Given the demo's store and a config with the demo's rules (jurisdiction uk and its defaults)
        _demo.First.Code.Should().Be(0, _demo.First.Error);
        var home = Path.Combine(_demo.Folder.Path, "report-home");
        Directory.CreateDirectory(home);
        var config = Path.Combine(home, "config.json");
        File.WriteAllText(config, $$"""
            { "jurisdiction": "uk", "store": {{System.Text.Json.JsonSerializer.Serialize(Path.Combine(_demo.Out, "portfoliosync.db"))}},
              "accounts": [ { "name": "main", "key": "env:K", "secret": "env:S" } ] }
            """);
        var labels = Directory.GetDirectories(_demo.Out).Select(Path.GetFileName).Where(n => n!.Length == 7 && n[4] == '-').Order(StringComparer.Ordinal).ToList();
        labels.Should().Equal("2022-23", "2023-24", "2024-25");

        foreach (var label in labels)
        {
            // When `report --year Y` writes the year on its own
            var (code, _, error) = await InProcessCli.RunAsync(["report", "--config", config, "--year", label![..4], "--out", Path.Combine(home, "reports")], home);
            code.Should().Be(0, error);

            // Then every file of the year folder is byte for byte the demo's
            var mine = Path.Combine(home, "reports", label);
            var demo = Path.Combine(_demo.Out, label);
            Directory.GetFiles(mine).Select(Path.GetFileName).Order(StringComparer.Ordinal)
                .Should().Equal(Directory.GetFiles(demo).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            foreach (var file in Directory.GetFiles(demo))
                File.ReadAllBytes(Path.Combine(mine, Path.GetFileName(file))).AsSpan().SequenceEqual(File.ReadAllBytes(file))
                    .Should().BeTrue($"{label}/{Path.GetFileName(file)} should be identical");
        }
    }

    [Fact]
    public void The_demo_writes_every_tax_year_the_value_series_and_the_chart_and_a_second_run_is_incremental()
    {
        _demo.First.Code.Should().Be(0, _demo.First.Error);
        foreach (var label in new[] { "2022-23", "2023-24", "2024-25" })
        {
            var folder = Path.Combine(_demo.Out, label);
            foreach (var file in new[] { "disposals.csv", "summary.csv", "income.csv", "holdings.csv", "transactions.csv", "warnings.csv", "sa108-summary.csv", $"tax-report-{label}.xlsx" })
                File.Exists(Path.Combine(folder, file)).Should().BeTrue($"{label}/{file}");
        }
        foreach (var file in new[] { "value.csv", "value.png", "value.xlsx", "portfoliosync.db" })
            File.Exists(Path.Combine(_demo.Out, file)).Should().BeTrue(file);
        _demo.First.Out.Should().Contain("4,005 new in this run").And.Contain("2024-25").And.Contain("value ");
        _demo.Second.Code.Should().Be(0, _demo.Second.Error);
        _demo.Second.Out.Should().Contain("0 new in this run, 4,005 ledger entries in the store");
    }

    [Fact]
    public void The_value_on_a_date_equals_the_holdings_from_the_raw_records_times_that_days_closes()
    {
        var day = new LocalDate(2024, 6, 28);
        var endOfDay = day.PlusDays(1).AtStartOfDayInZone(London).ToInstant();
        var holdings = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var r in _demo.Facts.Rows.Where(r => r.At < endOfDay))
        {
            // Unknown types move nothing in the ledger; staking locks and unlocks leave the asset owned.
            if (r.Type is "99" or "25" or "26") continue;
            foreach (var (currency, amount) in r.Amounts) holdings[currency] = holdings.GetValueOrDefault(currency) + amount;
            // The fee is charged on top: in the quote currency for a trade (the one going out when buying, in when
            // selling: the non-base of the pair), else in the record's only currency.
            var feeCurrency = r.Type == "2" ? QuoteOf(r) : r.Amounts.Keys.Single();
            holdings[feeCurrency] = holdings.GetValueOrDefault(feeCurrency) - r.Fee;
        }
        var expected = holdings.Where(h => h.Value != 0m).Sum(h => h.Value * _demo.Facts.GbpPer(h.Key, day));

        ValueCsvTotal(day).Should().BeApproximately(Math.Round(expected, 2, MidpointRounding.AwayFromZero), 0.01m);
    }

    [Fact]
    public void A_same_day_gain_equals_proceeds_less_fees_less_the_days_acquisition_cost_share()
    {
        // The first day of tax year 2024-25 on which BTC was both bought and sold only against GBP, USD or EUR, and no
        // more was sold than bought: HMRC's same-day rule matches it all with that day's acquisitions.
        var (day, rows) = SameDayCase();
        decimal proceeds = 0, disposalFees = 0, soldQty = 0, cost = 0, boughtQty = 0;
        foreach (var r in rows)
        {
            var quote = QuoteOf(r);
            var rate = _demo.Facts.GbpPer(quote, r.At.InUtc().Date);
            var btc = r.Amounts["btc"];
            if (btc < 0)
            {
                soldQty -= btc;
                proceeds += r.Amounts[quote] * rate;
                disposalFees += r.Fee * rate;
            }
            else
            {
                boughtQty += btc;
                cost += (-r.Amounts[quote] + r.Fee) * rate;
            }
        }
        var expectedGain = proceeds - disposalFees - cost * soldQty / boughtQty;

        var lines = File.ReadAllLines(Path.Combine(_demo.Out, "2024-25", "disposals.csv")).Skip(1)
            .Select(l => l.Split(',')).Where(c => c[3] == "BTC" && c[1].EndsWith(":" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal)).ToList();
        lines.Should().NotBeEmpty().And.OnlyContain(c => c[12] == "same-day");
        var reportedGain = lines.Sum(c => decimal.Parse(c[9], CultureInfo.InvariantCulture));
        var reportedQty = lines.Sum(c => decimal.Parse(c[5], CultureInfo.InvariantCulture));

        reportedQty.Should().Be(soldQty);
        reportedGain.Should().BeApproximately(expectedGain, 0.01m * lines.Count, $"day {day}: proceeds {proceeds}, fees {disposalFees}, day cost {cost} for {boughtQty} BTC");
    }

    private (LocalDate Day, List<SampleFacts.Row> Rows) SameDayCase()
    {
        var fiat = new[] { "gbp", "usd", "eur" };
        foreach (var group in _demo.Facts.Rows.Where(r => r.Amounts.ContainsKey("btc"))
                     .GroupBy(r => r.At.InZone(London).Date).OrderBy(g => g.Key))
        {
            if (group.Key < new LocalDate(2024, 4, 6)) continue;
            var rows = group.ToList();
            if (!rows.All(r => r.Type == "2" && r.Amounts.Count == 2 && fiat.Contains(QuoteOf(r)))) continue;
            var sold = -rows.Where(r => r.Amounts["btc"] < 0).Sum(r => r.Amounts["btc"]);
            var bought = rows.Where(r => r.Amounts["btc"] > 0).Sum(r => r.Amounts["btc"]);
            if (sold > 0 && bought >= sold) return (group.Key, rows);
        }
        throw new InvalidOperationException("the sample has no same-day BTC case");
    }

    private static string QuoteOf(SampleFacts.Row r)
    {
        var pair = r.Amounts.Keys.ToList();
        // Bitstamp's markets: crypto/fiat and eth/btc; the quote is the fiat (or btc against eth).
        var fiat = pair.FirstOrDefault(c => c is "gbp" or "usd" or "eur");
        return fiat ?? (pair.Contains("btc") ? "btc" : pair[1]);
    }

    private decimal ValueCsvTotal(LocalDate day)
    {
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var line = File.ReadLines(Path.Combine(_demo.Out, "value.csv")).Single(l => l.StartsWith(date + ",*total*", StringComparison.Ordinal));
        return decimal.Parse(line.Split(',')[^1], CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// The demo run twice in-process, once for the whole test assembly: these tests, the bundled demo's and the dashboard's
/// browser tests read the same output and never write into it. The first run is a new user's: <c>demo</c> with no
/// option in an empty folder, so the sample data built into the program (the repository's <c>sample-data/</c> byte for
/// byte, <see cref="BundledDemoTests"/>) goes into <c>./portfoliosync-demo/</c>. The second names both with
/// <c>--data</c> (the repository's folder, the same records) and <c>--out</c>, and is incremental.
/// </summary>
public sealed class ShownDemo
{
    public static readonly Lazy<Task<ShownDemo>> Once = new(StartAsync);

    private ShownDemo() { }

    public TempFolder Folder { get; } = new();
    public string Out => Path.Combine(Folder.Path, "portfoliosync-demo");
    public (int Code, string Out, string Error) First { get; private set; }

    /// <summary>What the folder held right after the first run (later tests write beside it).</summary>
    public IReadOnlyList<string> FolderAfterFirst { get; private set; } = [];
    public (int Code, string Out, string Error) Second { get; private set; }

    private static async Task<ShownDemo> StartAsync()
    {
        var demo = new ShownDemo();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => demo.Folder.Dispose();
        demo.First = await InProcessCli.RunAsync(["demo"], demo.Folder.Path);
        demo.FolderAfterFirst = Directory.EnumerateFileSystemEntries(demo.Folder.Path).Select(e => Path.GetFileName(e)!).Order(StringComparer.Ordinal).ToList();
        demo.Second = await InProcessCli.RunAsync(["demo", "--data", Path.Combine(RepoPaths.Root, "sample-data"), "--out", demo.Out], demo.Folder.Path);
        return demo;
    }
}

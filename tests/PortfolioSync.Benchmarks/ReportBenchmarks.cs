using PortfolioSync.Domain.CostBasis;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using NodaTime;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Tax;
using PortfolioSync.Domain.Warnings;
using PortfolioSync.Reports;
using PortfolioSync.Reports.Model;

namespace PortfolioSync.Benchmarks;

/// <summary>
/// Writing the full report of a busy tax year: 100,000 disposal rows (83,333 disposals, every fifth matched against a
/// second lot), the 83,333 trades behind them as 166,666 transaction rows, 2,000 income rows, 18 holdings and 500
/// warnings. Target: CSV + XLSX under 60 s.
/// <code>dotnet run -c Release --project tests/PortfolioSync.Benchmarks -- --filter '*ReportBenchmarks*'</code>
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
[MedianColumn]
public class ReportBenchmarks
{
    private TaxReport _report = null!;
    private string _out = null!;

    [Params(100_000)]
    public int DisposalRows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _report = Build(DisposalRows);
        _out = Path.Combine(Path.GetTempPath(), "portfoliosync-report-bench-" + Environment.ProcessId);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_out)) Directory.Delete(_out, recursive: true);
    }

    [Benchmark(Description = "CSV + XLSX")]
    public string CsvAndXlsx() => ReportWriter.Write(_report, _out, ReportFormats.Csv | ReportFormats.Xlsx);

    [Benchmark(Description = "CSV only")]
    public string CsvOnly() => ReportWriter.Write(_report, _out, ReportFormats.Csv);

    /// <summary>A deterministic UK year: every disposal with one lot, every fifth with a second (bed-and-breakfast) lot.</summary>
    internal static TaxReport Build(int disposalRows)
    {
        var context = new ReportContext(new TaxYear(2024, TaxYearRule.Uk), Jurisdiction.Uk, CostBasisMethod.Uk, PoolScope.Universal, Asset.Gbp,
            "Europe/London", "benchmark ledger");
        var start = Instant.FromUtc(2024, 4, 6, 0, 0);
        var assets = new[] { "BTC", "ETH", "SOL", "ADA", "XRP", "LTC" }.Select(Asset.Parse).ToArray();
        var accounts = new[] { "main", "dca-bot", "grid-bot" };
        var disposals = new List<DisposalRow>(disposalRows);
        var transactions = new List<TransactionRow>(disposalRows * 2);
        for (var i = 0; disposals.Count < disposalRows; i++)
        {
            var at = start.Plus(Duration.FromSeconds(i * 300L + i % 7));
            var asset = assets[i % assets.Length];
            var account = accounts[i % accounts.Length];
            var quantity = 0.01m + i % 997 * 0.00012345m;
            var price = 1000m + i % 5000 * 13.37m;
            var id = $"disposal:{account}:{i}";
            disposals.Add(new DisposalRow(id, account, asset, at, quantity, quantity * price, quantity * price * 0.9m, 0.25m,
                null, null, MatchRule.Pool, null));
            if (i % 5 == 0 && disposals.Count < disposalRows)
                disposals.Add(new DisposalRow(id, account, asset, at, quantity / 2, quantity * price / 2, quantity * price * 0.55m, 0.1m,
                    at.Plus(Duration.FromDays(3)), $"lot:{account}:{i}", MatchRule.BedAndBreakfast, null));
            var entry = new LedgerEntry(LedgerEntry.BitstampId(account, 1_000_000 + i), account, at, EntryKind.Trade,
                [new Leg(asset, -quantity), new Leg(Asset.Gbp, quantity * price)], new Money(0.25m, Asset.Gbp), 1_000_000 + i,
                5_000_000 + i, $"{account}/user_transactions/{1_000_000 + i}");
            transactions.AddRange(TransactionRow.FromEntry(entry, [-quantity * price, quantity * price], 0.25m));
        }
        var income = Enumerable.Range(0, 2000).Select(i => new IncomeRow(start.Plus(Duration.FromHours(i * 4)), "main", assets[1],
            0.001m + i * 0.000001m, 2.5m + i % 100 * 0.01m, IncomeKind.Staking, $"bitstamp:main:{i}")).ToList();
        var holdings = accounts.SelectMany(a => assets.Select(s => (a, s))).Select((x, i) =>
            new HoldingRow(x.a, x.s, 1.5m + i, 1000m * (i + 1), i % 9 == 0 ? null : 50m + i)).ToList();
        var warnings = Enumerable.Range(0, 500).Select(i => new WarningRow("missing-price", Severity.Warning, "main",
            $"bitstamp:main:{i}", $"No GBP price for XYZ on day {i}, so the value is left empty")).ToList();
        return new TaxReport(context, disposals, income, holdings, transactions, warnings);
    }
}

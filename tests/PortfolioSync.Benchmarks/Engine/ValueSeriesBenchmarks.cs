using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using NodaTime;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Valuation;

namespace PortfolioSync.Benchmarks.Engine;

/// <summary>
/// The daily value series over five years of a synthetic 1,000,000-entry ledger (issue 7: under 10 s).
/// <c>dotnet run -c Release --project tests/PortfolioSync.Benchmarks -- --filter '*ValueSeriesBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class ValueSeriesBenchmarks
{
    private SyntheticLedger _data = null!;
    private ValueSeriesOptions _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        _data = SyntheticLedger.Generate(1_000_000, seed: 20240101);
        _options = new ValueSeriesOptions(SyntheticLedger.First, SyntheticLedger.Last, Asset.Gbp, DateTimeZoneProviders.Tzdb["Europe/London"]);
    }

    [Benchmark]
    public int Compute() => ValueSeries.Compute(_data.Entries, _data.Prices, _options).Points.Count;

    [GlobalCleanup]
    public void Report()
    {
        var r = ValueSeries.Compute(_data.Entries, _data.Prices, _options);
        Console.WriteLine($"// value series: {r.Totals.Count} days, {r.Points.Count} points, {r.Warnings.Count} warnings, "
            + $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MB");
    }
}

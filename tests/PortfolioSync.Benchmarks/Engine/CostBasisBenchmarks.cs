using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using PortfolioSync.Domain;
using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Tax;

namespace PortfolioSync.Benchmarks.Engine;

/// <summary>
/// The cost basis engine on a synthetic 1,000,000-entry ledger (issue 6: under 5 s median per method, under 1.5 GB
/// peak). Run from Release:
/// <c>dotnet run -c Release --project tests/PortfolioSync.Benchmarks -- --filter '*CostBasisBenchmarks*' --job short</c>.
/// The peak working set of the benchmark process (ledger and price book included) is printed at cleanup.
/// </summary>
[MemoryDiagnoser]
public class CostBasisBenchmarks
{
    private SyntheticLedger _data = null!;
    private CostBasisOptions _options = null!;

    [Params(CostBasisMethod.Fifo, CostBasisMethod.Lifo, CostBasisMethod.Hifo, CostBasisMethod.Average, CostBasisMethod.Uk)]
    public CostBasisMethod Method { get; set; }

    [Params(PoolScope.Universal)]
    public PoolScope Scope { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = SyntheticLedger.Generate(1_000_000, seed: 20240101);
        _options = CostBasisOptions.For(Method, Jurisdiction.Uk) with { Scope = Scope };
    }

    [Benchmark]
    public int Run() => CostBasisEngine.Run(_data.Entries, _data.Prices, _options).Disposals.Count;

    [GlobalCleanup]
    public void Report()
    {
        var r = CostBasisEngine.Run(_data.Entries, _data.Prices, _options);
        Console.WriteLine($"// engine {Method} {Scope}: {_data.Entries.Count} entries, {r.Disposals.Count} disposals, "
            + $"{r.Disposals.Sum(d => d.Lots.Count)} matched lots, {r.Warnings.Count} warnings, "
            + $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MB");
    }
}

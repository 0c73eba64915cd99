using System.Diagnostics;
using NodaTime;
using PortfolioSync.Domain;
using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Tax;
using PortfolioSync.Domain.Valuation;

namespace PortfolioSync.Benchmarks.Engine;

/// <summary>
/// Whole-process figures for the pure engines: generates the synthetic ledger, runs one cost basis method (or the
/// value series) a few times, and prints each wall time, the median and the process's peak working set, so that
/// <c>/usr/bin/time -v</c> and the printed peak can be compared.
/// <c>dotnet run -c Release --project tests/PortfolioSync.Benchmarks -- scenario engine [fifo|lifo|hifo|average|uk|value] [entries] [runs]</c>
/// </summary>
internal static class EngineScenario
{
    public static int Run(string[] args)
    {
        var what = args.Length > 0 ? args[0] : "fifo";
        var entries = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
        var runs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3;
        var clock = Stopwatch.StartNew();
        var data = SyntheticLedger.Generate(entries, seed: 20240101);
        Console.WriteLine($"generated {data.Entries.Count} entries in {clock.Elapsed.TotalSeconds:0.00} s");
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            clock.Restart();
            string summary;
            if (what == "value")
            {
                var r = ValueSeries.Compute(data.Entries, data.Prices, new ValueSeriesOptions(SyntheticLedger.First, SyntheticLedger.Last, Asset.Gbp,
                    DateTimeZoneProviders.Tzdb["Europe/London"]));
                summary = $"{r.Totals.Count} days, {r.Points.Count} points, {r.Warnings.Count} warnings";
            }
            else
            {
                var options = CostBasisOptions.For(CostBasisMethodText.Parse(what), Jurisdiction.Uk);
                var r = CostBasisEngine.Run(data.Entries, data.Prices, options);
                summary = $"{r.Disposals.Count} disposals, {r.Disposals.Sum(d => d.Lots.Count)} lots, {r.Warnings.Count} warnings";
            }
            times.Add(clock.Elapsed.TotalSeconds);
            Console.WriteLine($"{what} run {i + 1}: {times[^1]:0.000} s ({summary})");
        }
        times.Sort();
        Console.WriteLine($"{what}: median {times[times.Count / 2]:0.000} s over {runs} runs; peak working set "
            + $"{Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MB");
        return 0;
    }
}

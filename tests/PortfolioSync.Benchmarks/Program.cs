using BenchmarkDotNet.Running;

// Every benchmark class in this assembly is selectable by name:
//   dotnet run -c Release --project tests/PortfolioSync.Benchmarks -- --filter '*CostBasis*'
// Whole-process scenarios (wall time and peak memory of a real run) live in Scenarios/ and run with
//   dotnet run -c Release --project tests/PortfolioSync.Benchmarks -- scenario <name>
return PortfolioSync.Benchmarks.Entry.Run(args);

namespace PortfolioSync.Benchmarks
{
    internal static class Entry
    {
        public static int Run(string[] args)
        {
            if (args.Length > 0 && args[0] == "scenario") return Scenarios.ScenarioRunner.Run(args[1..]);
            var summaries = BenchmarkSwitcher.FromAssembly(typeof(Entry).Assembly).Run(args);
            return summaries.Any(s => s.Reports.Length == 0 || s.HasCriticalValidationErrors) ? 1 : 0;
        }
    }
}

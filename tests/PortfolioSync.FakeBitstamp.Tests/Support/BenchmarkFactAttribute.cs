namespace PortfolioSync.FakeBitstamp.Tests.Support;

/// <summary>A fact that runs only when PORTFOLIOSYNC_BENCH=1 (it takes tens of seconds and a few hundred MB).</summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public BenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("PORTFOLIOSYNC_BENCH") != "1") Skip = "set PORTFOLIOSYNC_BENCH=1 to run benchmarks";
    }
}

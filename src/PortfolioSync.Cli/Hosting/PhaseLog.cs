using System.Diagnostics;
using System.Globalization;

namespace PortfolioSync.Cli.Hosting;

/// <summary>With <c>--verbose</c>, prints how long each phase of a command took (a monotonic stopwatch, not the clock).</summary>
public sealed class PhaseLog(CommandContext context)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public void Done(string phase)
    {
        if (!context.Verbose) return;
        context.Env.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,6:0.00} s] {phase}"));
    }
}

using System.Globalization;
using PortfolioSync.EndToEnd.Tests.Browser;

namespace PortfolioSync.Benchmarks.Scenarios;

/// <summary>
/// How long a dashboard page takes to open in headless Chromium (a fresh tab per run, 1600 × 900):
///   scenario dashboard-open --page reports/dashboard/index.html [--runs 5]
/// Prints, per run, the time from the navigation request to the load event as the test driver sees it and the
/// page's own navigation timing (loadEventEnd), then their medians and the page size.
/// </summary>
internal static class DashboardOpenScenario
{
    public static int Run(string[] args)
    {
        var page = args.SkipWhile(a => a != "--page").Skip(1).FirstOrDefault() ?? throw new ArgumentException("--page FILE");
        var runs = int.Parse(args.SkipWhile(a => a != "--runs").Skip(1).FirstOrDefault() ?? "5", CultureInfo.InvariantCulture);
        var url = new Uri(Path.GetFullPath(page));
        return RunAsync(url, runs).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(Uri url, int runs)
    {
        var ct = CancellationToken.None;
        await using var browser = await HeadlessChromium.StartAsync(ct);
        var driver = new List<double>();
        var navigation = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var tab = await browser.OpenPageAsync(1600, 900, mobile: false, ct);
            var elapsed = await tab.LoadAsync(url, ct);
            var ready = (await tab.EvaluateAsync("document.documentElement.getAttribute('data-ready')", ct))?.GetValue<string>();
            var load = (await tab.EvaluateAsync("performance.getEntriesByType('navigation')[0].loadEventEnd", ct))!.GetValue<double>();
            if (ready != "1" || tab.Errors().Count > 0)
            {
                Console.Error.WriteLine($"run {i + 1}: the page did not finish cleanly: {string.Join("; ", tab.Errors())}");
                return 1;
            }
            driver.Add(elapsed.TotalMilliseconds);
            navigation.Add(load);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {i + 1}: driver {elapsed.TotalMilliseconds:0} ms, loadEventEnd {load:0} ms"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median: driver {Median(driver):0} ms, loadEventEnd {Median(navigation):0} ms; page {new FileInfo(url.LocalPath).Length / 1024.0:N0} KiB"));
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

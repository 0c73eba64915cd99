using System.Diagnostics;

namespace PortfolioSync.EndToEnd.Tests;

/// <summary>
/// The program installed without the chart's native library (the Native AOT binary copied alone, without the
/// <c>libSkiaSharp.so</c> beside it): <c>value</c> still writes the figures and says what is missing and what to do.
/// </summary>
public sealed class ChartLibraryMissingTests
{
    [Fact]
    public async Task Value_without_libSkiaSharp_writes_the_csv_and_workbook_names_the_missing_library_and_exits_1()
    {
        var demo = await ShownDemo.Once.Value;
        demo.First.Code.Should().Be(0, demo.First.Error);
        using var work = new TempFolder();
        var store = Path.Combine(work.Path, "portfoliosync.db");
        File.Copy(Path.Combine(demo.Out, "portfoliosync.db"), store);
        var config = Path.Combine(work.Path, "config.json");
        File.WriteAllText(config, """
            { "baseCurrency": "GBP", "jurisdiction": "uk", "store": "portfoliosync.db",
              "accounts": [ { "name": "main", "key": "env:K", "secret": "env:S" } ] }
            """);

        // The built program's folder again, every file a link to the built one except the native chart library, which is
        // left out; the program itself is a copy, because the .NET host looks for its libraries beside the real file.
        var app = Path.Combine(work.Path, "app");
        var built = Path.GetDirectoryName(RepoPaths.CliDll)!;
        var left = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories(built, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(app, Path.GetRelativePath(built, dir)));
        foreach (var file in Directory.EnumerateFiles(built, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(app, Path.GetRelativePath(built, file));
            if (Path.GetFileName(file).StartsWith("libSkiaSharp", StringComparison.Ordinal)) left.Add(file);
            else if (Path.GetDirectoryName(file) == built && Path.GetFileName(file).StartsWith("portfoliosync.", StringComparison.Ordinal)) File.Copy(file, target);
            else File.CreateSymbolicLink(target, file);
        }
        left.Should().NotBeEmpty("the built program has the library to leave out");

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = work.Path };
        foreach (var arg in new[] { Path.Combine(app, "portfoliosync.dll"), "value", "--config", config, "--out", "value" }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var (output, error) = (await stdout, await stderr);

        process.ExitCode.Should().Be(1, error);
        error.Should().NotContain("unexpected error").And.NotContain("type initializer");
        error.Should().Contain("error: value.png was not written: the chart's native library libSkiaSharp could not be loaded (")
            .And.Contain("libSkiaSharp.so: cannot open shared object file")
            .And.Contain("value.csv and value.xlsx are written")
            .And.Contain("copy the folder's files together (README: Install)");
        output.Should().StartWith($"wrote value.csv, value.xlsx to {Path.Combine(work.Path, "value")}{Path.DirectorySeparatorChar}\n");
        Directory.GetFiles(Path.Combine(work.Path, "value")).Select(Path.GetFileName).Should().BeEquivalentTo(["value.csv", "value.xlsx"]);
        // The figures are the ones the whole program writes (the demo's series: same store, rules and days)
        File.ReadAllBytes(Path.Combine(work.Path, "value", "value.csv")).Should().Equal(File.ReadAllBytes(Path.Combine(demo.Out, "value.csv")));
    }
}

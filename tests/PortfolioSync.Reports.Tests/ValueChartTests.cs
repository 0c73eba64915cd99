using PortfolioSync.Reports.Chart;
using PortfolioSync.Reports.Model;
using PortfolioSync.Reports.Tests.Builders;
using SkiaSharp;

namespace PortfolioSync.Reports.Tests;

public sealed class ValueChartTests
{
    /// <summary>Set to a folder to keep the edge-case charts for a person to look at.</summary>
    private static readonly string? Keep = Environment.GetEnvironmentVariable("REPORTS_SAMPLE_DIR");

    public static TheoryData<string> Cases => new("fifteen-months", "ten-days", "one-day", "empty", "twelve-assets", "six-years");

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_chart_is_a_1600_by_900_png_with_a_real_picture(string name)
    {
        // Given
        var report = Build(name);

        // When
        var png = ValueChart.RenderPng(report);

        // Then
        if (!string.IsNullOrEmpty(Keep))
        {
            Directory.CreateDirectory(Path.Combine(Keep, "charts"));
            File.WriteAllBytes(Path.Combine(Keep, "charts", name + ".png"), png);
        }
        png.AsSpan(0, 8).ToArray().Should().Equal(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A);
        using var bitmap = SKBitmap.Decode(png);
        bitmap.Width.Should().Be(1600);
        bitmap.Height.Should().Be(900);
        var colours = new HashSet<uint>();
        for (var y = 0; y < bitmap.Height; y += 7)
            for (var x = 0; x < bitmap.Width; x += 7)
                colours.Add((uint)bitmap.GetPixel(x, y));
        colours.Count.Should().BeGreaterThan(name == "empty" ? 2 : 20, "a chart with text and coloured areas is not blank");
        png.Length.Should().BeGreaterThan(name == "empty" ? 5_000 : 30_000);
    }

    public static TheoryData<string, string> LoaderMessages => new()
    {
        // Linux (glibc), as the Native AOT program prints it when libSkiaSharp.so is not beside it
        { "Unable to load shared library 'libSkiaSharp' or one of its dependencies. In order to help diagnose loading problems, consider using a tool like strace. If you're using glibc, consider setting the LD_DEBUG environment variable: \n/opt/ps/libSkiaSharp.so: cannot open shared object file: No such file or directory\n/opt/ps/liblibSkiaSharp.so: cannot open shared object file: No such file or directory\n",
          "/opt/ps/libSkiaSharp.so: cannot open shared object file: No such file or directory" },
        // Windows: one line
        { "Unable to load DLL 'libSkiaSharp' or one of its dependencies: The specified module could not be found. (0x8007007E)",
          "Unable to load DLL 'libSkiaSharp' or one of its dependencies: The specified module could not be found. (0x8007007E)" },
    };

    [Theory]
    [MemberData(nameof(LoaderMessages))]
    public void A_native_library_that_does_not_load_inside_the_type_initializers_is_named_with_the_loaders_first_reason(string message, string reason)
    {
        // Given: what the drawing library throws, its native failure wrapped by two type initializers (ScottPlot's fonts, SkiaSharp's typeface)
        var thrown = new AggregateException(new TypeInitializationException("ScottPlot.Fonts",
            new TypeInitializationException("SkiaSharp.SKTypeface", new DllNotFoundException(message))));

        // When
        var missing = ChartUnavailableException.From(thrown);

        // Then
        missing.Should().NotBeNull();
        missing!.Library.Should().Be("libSkiaSharp");
        missing.Detail.Should().Be(reason);
        missing.Message.Should().Be($"the chart's native library libSkiaSharp could not be loaded ({reason})");
        missing.InnerException.Should().BeSameAs(thrown, "--verbose prints the whole chain");
        ChartUnavailableException.From(new AggregateException(missing)).Should().BeSameAs(missing, "found once, kept as it is");
    }

    [Fact]
    public void Any_other_failure_is_not_taken_for_a_missing_library()
    {
        ChartUnavailableException.From(new TypeInitializationException("ScottPlot.Fonts", new InvalidOperationException("no fonts"))).Should().BeNull();
        ChartUnavailableException.From(new IOException("disk full")).Should().BeNull();
    }

    [Fact]
    public void Month_ticks_are_labelled_invariantly_and_spaced_to_about_a_dozen()
    {
        var (positions, labels) = ValueChart.DateTicks(Parse.Date("2024-01-01"), Parse.Date("2025-03-31"));
        labels.Should().Equal("2024-01", "2024-03", "2024-05", "2024-07", "2024-09", "2024-11", "2025-01", "2025-03");
        positions.Should().BeInAscendingOrder();
        ValueChart.DateTicks(Parse.Date("2019-06-15"), Parse.Date("2025-06-14")).Labels.Should()
            .Equal("2019-07", "2020-01", "2020-07", "2021-01", "2021-07", "2022-01", "2022-07", "2023-01", "2023-07", "2024-01",
                "2024-07", "2025-01");
        ValueChart.DateTicks(Parse.Date("2024-12-25"), Parse.Date("2025-01-03")).Labels.Should().HaveCount(10)
            .And.StartWith("2024-12-25");
    }

    [Fact]
    public void Value_ticks_use_commas_for_thousands_whatever_the_culture()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var (ticks, step) = ValueChart.NiceTicks(0, 55_751);
            ticks.Select(t => ValueChart.FormatAmount(t, step)).Should().Equal("0", "10,000", "20,000", "30,000", "40,000", "50,000", "60,000");
            ValueChart.FormatAmount(0.25, 0.05).Should().Be("0.25");
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    private static ValueReport Build(string name) => name switch
    {
        "fifteen-months" => Samples.Value(),
        "ten-days" => new ValueReportBuilder()
            .Series("main", "BTC", "2024-12-25", 10, 0.5m, 0m, 90000m, 0.002m, 0.05m)
            .Series("main", "ETH", "2024-12-25", 10, 3m, 0m, 3000m, 0.002m, 0.05m).Build(),
        "one-day" => new ValueReportBuilder().Row("2024-06-30", "main", "BTC", "0.5", "50000")
            .Row("2024-06-30", "main", "ETH", "2", "3000").Build(),
        "empty" => new ValueReportBuilder().Build(),
        "twelve-assets" => Enumerable.Range(0, 12).Aggregate(new ValueReportBuilder().In("USD", "America/New_York"),
            (b, i) => b.Series("main", "A" + i.ToString("00"), "2024-01-01", 200, 10 + i, 0m, 5m * (i + 1), 0.001m, 0.1m)).Build(),
        "six-years" => new ValueReportBuilder().In("EUR", "UTC")
            .Series("main", "BTC", "2019-06-15", 2192, 0.2m, 0.0002m, 8000m, 0.0015m, 0.3m)
            .Series("main", "ETH", "2019-06-15", 2192, 2m, 0m, 250m, 0.002m, 0.3m).AtEnd("30000", "45000.5").Build(),
        _ => throw new ArgumentException(name, nameof(name)),
    };
}

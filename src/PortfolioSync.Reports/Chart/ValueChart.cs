using System.Globalization;
using NodaTime;
using NodaTime.Text;
using PortfolioSync.Domain;
using PortfolioSync.Reports.Model;
using ScottPlot;

namespace PortfolioSync.Reports.Chart;

/// <summary>
/// Draws a value series as a PNG: stacked areas of each asset's value (largest at the bottom, the smallest ones
/// gathered as "Other"), the total as a dark line, month (or day) ticks labelled <c>yyyy-MM</c>, a value axis in the
/// report currency with invariant thousands separators, the legend outside the plot on the right, DejaVu Sans
/// throughout. Text never depends on the machine's culture.
/// </summary>
public static class ValueChart
{
    public const int DefaultWidth = 1600;
    public const int DefaultHeight = 900;

    /// <summary>Assets drawn on their own; the rest are one "Other" band.</summary>
    public const int MaxBands = 8;

    private const string FontName = "DejaVu Sans";

    private static readonly string[] Palette =
        ["#4E79A7", "#F28E2B", "#59A14F", "#E15759", "#76B7B2", "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F"];

    /// <exception cref="ChartUnavailableException">The drawing library's native part could not be loaded.</exception>
    public static byte[] RenderPng(ValueReport report, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(report);
        try
        {
            using var plot = Build(report);
            return plot.GetImageBytes(width, height, ImageFormat.Png);
        }
        catch (TypeInitializationException e) when (ChartUnavailableException.From(e) is { } missing)
        {
            throw missing;   // the drawing library's native part did not load: say which, not "a type initializer threw"
        }
        catch (DllNotFoundException e)
        {
            throw ChartUnavailableException.From(e)!;
        }
    }

    public static void WritePng(ValueReport report, Stream output, int width = DefaultWidth, int height = DefaultHeight) =>
        output.Write(RenderPng(report, width, height));

    private static Plot Build(ValueReport report)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        var currency = report.Currency.Code;
        plot.Title(Title(report));
        plot.Axes.Title.Label.FontSize = 26;
        plot.Axes.Title.Label.Bold = true;
        plot.YLabel($"Value ({currency})");
        plot.XLabel($"End of day ({report.ZoneId})");
        plot.Axes.Left.Label.FontSize = 20;
        plot.Axes.Bottom.Label.FontSize = 20;
        plot.Axes.Left.TickLabelStyle.FontSize = 17;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 17;
        plot.Grid.MajorLineColor = Color.FromHex("#E6E6E6");

        var days = report.Days;
        if (days.Count == 0)
        {
            var text = plot.Add.Text("No holdings in this period", 0, 0);
            text.LabelFontSize = 24;
            text.LabelAlignment = Alignment.MiddleCenter;
            plot.Axes.SetLimits(-1, 1, -1, 1);
            plot.Axes.Bottom.SetTicks([], []);
            plot.Axes.Left.SetTicks([], []);
            return plot;
        }

        var xs = days.Select(d => d.Date.ToDateTimeUnspecified().ToOADate()).ToArray();
        var bands = Bands(report);
        var totals = days.Select(d => d.Total is { } t ? (double)t : double.NaN).ToArray();
        if (xs.Length == 1)
        {
            // One day: draw it as a bar 0.8 days wide rather than a hairline.
            xs = [xs[0] - 0.4, xs[0] + 0.4];
            bands = bands.Select(b => (b.Name, new[] { b.Values[0], b.Values[0] })).ToList();
            totals = [totals[0], totals[0]];
        }
        var lower = new double[xs.Length];
        var legend = new List<LegendItem>();
        for (var b = 0; b < bands.Count; b++)
        {
            var (name, values) = bands[b];
            var upper = new double[xs.Length];
            for (var i = 0; i < xs.Length; i++) upper[i] = lower[i] + values[i];
            var fill = plot.Add.FillY(xs, lower, upper);
            var color = Color.FromHex(Palette[b % Palette.Length]);
            fill.FillColor = color.WithAlpha(0.85);
            fill.LineColor = color;
            fill.LineWidth = 1;
            fill.MarkerSize = 0;
            legend.Insert(0, new LegendItem { LabelText = name, FillColor = fill.FillColor, LineColor = color, LineWidth = 1 });
            lower = upper;
        }
        var line = plot.Add.Scatter(xs, totals);
        line.Color = Color.FromHex("#222222");
        line.LineWidth = 3;
        line.MarkerSize = 0;
        legend.Insert(0, new LegendItem { LabelText = "Total", LineColor = line.Color, LineWidth = 3 });

        var top = Math.Max(1, MaxFinite(totals.Concat(lower)));
        var bottom = Math.Min(0, MinFinite(lower));
        var (yTicks, step) = NiceTicks(bottom, top);
        plot.Axes.SetLimitsY(bottom < 0 ? yTicks[0] : 0, Math.Max(top * 1.05, yTicks[^1]));
        plot.Axes.Left.SetTicks(yTicks, yTicks.Select(v => FormatAmount(v, step)).ToArray());

        var first = days[0].Date;
        var last = days[^1].Date;
        var (xTicks, labels) = DateTicks(first, last);
        if (days.Count == 1) plot.Axes.SetLimitsX(xs[0] - 3, xs[1] + 3);
        else plot.Axes.SetLimitsX(xs[0], xs[^1] + Math.Max(0.5, (xs[^1] - xs[0]) * 0.01));
        plot.Axes.Bottom.SetTicks(xTicks, labels);

        // Legend top to bottom as the bands are stacked: the total, then the top band down to the bottom one.
        plot.Legend.DisplayPlottableLegendItems = false;
        plot.Legend.ManualItems.AddRange(legend);
        plot.Legend.FontSize = 18;
        plot.Legend.FontName = FontName;
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    private static string Title(ValueReport report)
    {
        var currency = report.Currency.Code;
        if (report.From is not { } from || report.To is not { } to) return $"Portfolio value ({currency})";
        var range = from == to ? $"on {LocalDatePattern.Iso.Format(from)}"
            : $"{LocalDatePattern.Iso.Format(from)} to {LocalDatePattern.Iso.Format(to)}";
        return report.ValueAtEnd is { } end
            ? $"Portfolio value, {range}: {FormatMoney(end)} {currency}" + (from == to ? "" : " at the end")
              + (report.UnrealizedGainAtEnd is { } gain ? $" (unrealized gain {FormatMoney(gain)} {currency})" : "")
            : $"Portfolio value, {range}";
    }

    /// <summary>Per band (bottom first): name and value per day (unknown values count as 0 in the band only).</summary>
    private static List<(string Name, double[] Values)> Bands(ValueReport report)
    {
        var days = report.Days;
        var lastKnown = report.Assets.ToDictionary(a => a, a =>
            days.LastOrDefault(d => d.ByAsset.ContainsKey(a))?.ByAsset[a] ?? 0m);
        var order = report.Assets.OrderByDescending(a => lastKnown[a])
            .ThenByDescending(a => days.Sum(d => d.ByAsset.GetValueOrDefault(a)))
            .ThenBy(a => a).ToList();
        var own = order.Count <= MaxBands ? order : order.Take(MaxBands - 1).ToList();
        var rest = order.Except(own).ToList();
        var bands = own.Select(a => (a.Code, days.Select(d => (double)d.ByAsset.GetValueOrDefault(a)).ToArray())).ToList();
        if (rest.Count > 0)
            bands.Add(($"Other ({rest.Count} assets)", days.Select(d => (double)rest.Sum(a => d.ByAsset.GetValueOrDefault(a))).ToArray()));
        return bands;
    }

    /// <summary>Month ticks every 1, 2, 3, 6, 12 or 24 months (about 6–13 of them), or day ticks for short ranges.</summary>
    internal static (double[] Positions, string[] Labels) DateTicks(LocalDate first, LocalDate last)
    {
        var days = Period.Between(first, last, PeriodUnits.Days).Days;
        var ticks = new List<LocalDate>();
        string format;
        if (days <= 62)
        {
            var step = new[] { 1, 2, 7, 14 }.First(s => days / s <= 10 || s == 14);
            format = "uuuu-MM-dd";
            for (var d = first; d <= last; d = d.PlusDays(step)) ticks.Add(d);
        }
        else
        {
            var months = Period.Between(first, last, PeriodUnits.Months).Months + 1;
            var step = new[] { 1, 2, 3, 6, 12, 24, 60 }.First(s => months / s <= 12 || s == 60);
            format = "uuuu-MM";
            var d = new LocalDate(first.Year, first.Month, 1);
            if (d < first) d = d.PlusMonths(1);
            // Align to the step (quarters start in Jan/Apr/Jul/Oct, years in January).
            while ((d.Month - 1) % Math.Min(step, 12) != 0) d = d.PlusMonths(1);
            for (; d <= last; d = d.PlusMonths(step)) ticks.Add(d);
        }
        var pattern = LocalDatePattern.CreateWithInvariantCulture(format);
        return (ticks.Select(t => t.ToDateTimeUnspecified().ToOADate()).ToArray(), ticks.Select(pattern.Format).ToArray());
    }

    /// <summary>Round-number ticks from at most <paramref name="min"/> to at least <paramref name="max"/>, about 5–8 of them.</summary>
    internal static (double[] Ticks, double Step) NiceTicks(double min, double max)
    {
        var range = Math.Max(max - min, 1e-9);
        var raw = range / 6;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        var start = Math.Floor(min / step) * step;
        var ticks = new List<double>();
        for (var v = start; v <= max + step * 0.999; v += step) ticks.Add(Math.Round(v / step) * step);
        return (ticks.ToArray(), step);
    }

    /// <summary>Thousands separated with commas, invariant; decimals only when the tick step needs them.</summary>
    internal static string FormatAmount(double value, double step)
    {
        var decimals = step >= 1 ? 0 : (int)Math.Min(8, Math.Ceiling(-Math.Log10(step)));
        return value.ToString("#,##0." + new string('#', decimals), CultureInfo.InvariantCulture).TrimEnd('.');
    }

    private static string FormatMoney(decimal value) =>
        DecimalText.RoundMoney(value).ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static double MaxFinite(IEnumerable<double> values) =>
        values.Where(double.IsFinite).DefaultIfEmpty(0).Max();

    private static double MinFinite(IEnumerable<double> values) =>
        values.Where(double.IsFinite).DefaultIfEmpty(0).Min();
}

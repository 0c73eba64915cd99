using System.Globalization;
using System.Text.Json.Nodes;

namespace PortfolioSync.EndToEnd.Tests.Browser;

/// <summary>
/// The dashboard the demo writes, opened from <c>file://</c> in a real headless Chromium: no console error, no network
/// request, figures equal to the CSV files, the chart's read-out, filter and ranges, phone and desktop layouts and dark
/// mode. Screenshots go to <c>TestResults/dashboard/</c>.
/// </summary>
public sealed class DashboardBrowserTests : IClassFixture<DashboardBrowserTests.DashboardRun>
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly DashboardRun _run;

    public DashboardBrowserTests(DashboardRun run) => _run = run;

    public sealed class DashboardRun : IAsyncLifetime
    {
        private ShownDemo _shown = null!;

        public string Out => _shown.Out;
        public string Dashboard => Path.Combine(Out, "dashboard");
        public Uri Page => new(Path.Combine(Dashboard, "index.html"));

        /// <summary>The demo's run whose files the page shows (the second, incremental one), or a failed first run.</summary>
        public (int Code, string Out, string Error) Demo => _shown.First.Code != 0 ? _shown.First : _shown.Second;
        public HeadlessChromium? Browser { get; private set; }
        public string Artifacts { get; } = Path.Combine(RepoPaths.Root, "TestResults", "dashboard");

        public async Task InitializeAsync()
        {
            if (HeadlessChromium.Executable is null) return;
            // The demo's output that DemoTests reads too (run once per test assembly).
            _shown = await ShownDemo.Once.Value;
            Directory.CreateDirectory(Artifacts);
            Browser = await HeadlessChromium.StartAsync(Ct);
        }

        /// <summary>A fresh tab at the given size with the dashboard loaded and its script finished.</summary>
        public async Task<BrowserPage> OpenAsync(int width, int height, bool mobile, bool dark = false)
        {
            Demo.Code.Should().Be(0, Demo.Error);
            var page = await Browser!.OpenPageAsync(width, height, mobile, Ct);
            if (dark)
                await page.SendAsync("Emulation.setEmulatedMedia", new JsonObject
                {
                    ["features"] = new JsonArray(new JsonObject { ["name"] = "prefers-color-scheme", ["value"] = "dark" }),
                }, Ct);
            await page.LoadAsync(Page, Ct);
            (await page.EvaluateAsync("document.documentElement.getAttribute('data-ready')", Ct))?.GetValue<string>().Should().Be("1", "the chart script ran to its end");
            return page;
        }

        public async Task DisposeAsync()
        {
            if (Browser is not null) await Browser.DisposeAsync();
        }
    }

    [ChromiumFact]
    public async Task The_page_opens_from_file_with_no_console_error_and_no_network_request_on_a_phone_and_a_desktop_screen()
    {
        foreach (var (name, width, height, mobile, dark) in new[]
                 {
                     ("phone-390", 390, 844, true, false), ("desktop-1600x900", 1600, 900, false, false), ("phone-390-dark", 390, 844, true, true),
                 })
        {
            var page = await _run.OpenAsync(width, height, mobile, dark);

            await File.WriteAllBytesAsync(Path.Combine(_run.Artifacts, name + ".png"), await page.ScreenshotAsync(Ct), Ct);
            page.Errors().Should().BeEmpty($"the page at {name} logs no error (CSP violations included)");
            page.Requests().Should().OnlyContain(url => url == _run.Page.AbsoluteUri, $"the page at {name} requests nothing but itself");
            var scrollWidth = (await page.EvaluateAsync("document.documentElement.scrollWidth", Ct))!.GetValue<int>();
            scrollWidth.Should().BeLessThanOrEqualTo(width, $"nothing but the tables' own scroll boxes is wider than the {width} px screen");
            var chartWidth = (await page.EvaluateAsync("document.querySelector('#value-chart svg').getBoundingClientRect().width", Ct))!.GetValue<double>();
            chartWidth.Should().BeInRange(width * 0.6, width, "the chart uses the width of the screen");
            var background = await page.TextAsync("getComputedStyle(document.body).backgroundColor", Ct);
            background.Should().Be(dark ? "rgb(13, 17, 23)" : "rgb(255, 255, 255)", "dark mode follows the browser");
        }
        var csp = await (await _run.OpenAsync(1600, 900, false)).TextAsync(
            "document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content", Ct);
        csp.Should().StartWith("default-src 'none'").And.Contain("connect-src 'none'").And.NotContain("unsafe-inline");
    }

    [ChromiumFact]
    public async Task The_total_shown_is_the_last_total_of_value_csv()
    {
        var page = await _run.OpenAsync(1600, 900, false);

        var shown = Plain(await page.TextAsync("document.getElementById('total-value').textContent", Ct));

        var lastTotal = Csv(Path.Combine(_run.Out, "value.csv")).Last(r => r["account"] == "*total*");
        shown.Should().Be(lastTotal["value"]);
        Csv(Path.Combine(_run.Dashboard, "value.csv")).Last(r => r["account"] == "*total*")["value"].Should().Be(shown);
        var readout = await page.TextAsync("document.getElementById('value-readout').textContent", Ct);
        Plain(readout).Should().Contain($"{lastTotal["date"]} · total {shown} GBP", "the read-out starts on the last day");
    }

    [ChromiumFact]
    public async Task The_holdings_table_matches_holdings_csv()
    {
        var page = await _run.OpenAsync(390, 844, true);

        var rows = (await page.EvaluateAsync(
            "[...document.querySelectorAll('#holdings tbody tr')].map(tr => [...tr.children].map(c => c.textContent))", Ct))!.AsArray();
        var priceTitles = (await page.EvaluateAsync(
            "[...document.querySelectorAll('#holdings tbody [data-col=price]')].map(c => c.getAttribute('title') ?? '')", Ct))!.AsArray();

        var csv = Csv(Path.Combine(_run.Dashboard, "holdings.csv"));
        csv.Should().NotBeEmpty();
        rows.Should().HaveCount(csv.Count);
        for (var i = 0; i < csv.Count; i++)
        {
            var cells = rows[i]!.AsArray().Select(c => Plain(c!.GetValue<string>())).ToList();
            var expected = csv[i];
            cells.Take(7).Should().Equal(
                [expected["pool"], expected["asset"], expected["quantity"], Or(Shown(expected["price"])), Or(expected["market_value"]), Or(expected["cost"]), Or(expected["unrealized_gain"])],
                $"row {i + 1} of holdings.csv");
            // The price is shown rounded; the cell's title is the exact price of holdings.csv.
            priceTitles[i]!.GetValue<string>().Should().Be(expected["price"], $"row {i + 1}: the exact price");
        }
        var shares = rows.Select(r => decimal.Parse(r!.AsArray()[7]!.GetValue<string>().TrimEnd('%'), CultureInfo.InvariantCulture)).Sum();
        shares.Should().BeApproximately(100m, 0.5m, "the shares of the priced holdings add up to the whole");
    }

    [ChromiumFact]
    public async Task Realized_gains_and_income_per_tax_year_equal_each_years_summary_and_income_csv()
    {
        var page = await _run.OpenAsync(1600, 900, false);

        foreach (var folder in Directory.GetDirectories(_run.Out).Where(d => Path.GetFileName(d).Contains('-', StringComparison.Ordinal) && char.IsDigit(Path.GetFileName(d)[0])))
        {
            var label = Path.GetFileName(folder);
            var total = Csv(Path.Combine(folder, "summary.csv")).Single(r => r["asset"] == "*total*");
            foreach (var column in new[] { "disposals", "proceeds", "costs", "fees", "gains", "losses", "net" })
                Plain(await page.TextAsync($"document.querySelector('#gains tr[data-year=\"{label}\"] [data-col=\"{column}\"]').textContent", Ct))
                    .Should().Be(total[column], $"{column} of {label}");
            var income = Csv(Path.Combine(folder, "income.csv"));
            var value = income.Sum(r => r["value"].Length == 0 ? 0m : decimal.Parse(r["value"], CultureInfo.InvariantCulture));
            var shown = Plain(await page.TextAsync($"document.querySelector('#income tr[data-year=\"{label}\"] [data-col=\"value\"]').textContent", Ct));
            decimal.Parse(shown, CultureInfo.InvariantCulture).Should().BeApproximately(value, 0.01m * Math.Max(1, income.Count) / 2 + 0.005m,
                $"income of {label} is the sum of income.csv's values (the page rounds the unrounded sum)");
            Plain(await page.TextAsync($"document.querySelector('#income tr[data-year=\"{label}\"] [data-col=\"receipts\"]').textContent", Ct))
                .Should().Be(income.Count.ToString(CultureInfo.InvariantCulture));
        }
    }

    [ChromiumFact]
    public async Task The_read_out_follows_the_keyboard_and_the_account_filter_and_the_ranges_cut_the_series()
    {
        var page = await _run.OpenAsync(1600, 900, false);
        var value = Csv(Path.Combine(_run.Dashboard, "value.csv"));
        var totals = value.Where(r => r["account"] == "*total*").ToList();

        // Given the chart has the keyboard focus, when Left is pressed twice, the read-out shows two days earlier.
        await page.EvaluateAsync("document.querySelector('#value-chart svg').focus()", Ct);
        foreach (var _ in Enumerable.Range(0, 2))
        {
            await page.SendAsync("Input.dispatchKeyEvent", new JsonObject { ["type"] = "keyDown", ["key"] = "ArrowLeft", ["code"] = "ArrowLeft", ["windowsVirtualKeyCode"] = 37 }, Ct);
            await page.SendAsync("Input.dispatchKeyEvent", new JsonObject { ["type"] = "keyUp", ["key"] = "ArrowLeft", ["code"] = "ArrowLeft", ["windowsVirtualKeyCode"] = 37 }, Ct);
        }
        var day = totals[^3];
        Plain(await page.TextAsync("document.getElementById('value-readout').textContent", Ct)).Should().Contain($"{day["date"]} · total {day["value"]} GBP");

        // When the pointer hovers over the left end of the plot, the read-out shows the first day.
        var box = (await page.EvaluateAsync("(() => { const r = document.querySelector('#value-chart svg').getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()", Ct))!.AsArray()
            .Select(x => x!.GetValue<double>()).ToArray();
        await page.SendAsync("Input.dispatchMouseEvent", new JsonObject { ["type"] = "mouseMoved", ["x"] = box[0] + 1, ["y"] = box[1] + box[3] / 2 }, Ct);
        Plain(await page.TextAsync("document.getElementById('value-readout').textContent", Ct)).Should().Contain($"{totals[0]["date"]} · total {totals[0]["value"]} GBP");

        // When one account is chosen, the read-out's total is that account's: the rounded sum of quantity × price.
        var lastDate = totals[^1]["date"];
        var account = value.Where(r => r["account"] != "*total*").Select(r => r["account"]).Distinct().Order(StringComparer.Ordinal).First();
        var expected = value.Where(r => r["date"] == lastDate && r["account"] == account && r["price"].Length > 0)
            .Sum(r => decimal.Parse(r["quantity"], CultureInfo.InvariantCulture) * decimal.Parse(r["price"], CultureInfo.InvariantCulture));
        await page.EvaluateAsync($"(() => {{ const s = document.getElementById('value-account'); s.value = [...s.options].find(o => o.textContent === '{account}').value; s.dispatchEvent(new Event('change')); }})()", Ct);
        await page.EvaluateAsync("(() => { const s = document.querySelector('#value-chart svg'); s.focus(); s.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true })); })()", Ct);
        Plain(await page.TextAsync("document.getElementById('value-readout').textContent", Ct))
            .Should().Contain($"{lastDate} · total {Math.Round(expected, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture)} GBP");

        // When the range is 1M, the table fallback lists the days of the last month only, newest first.
        await page.EvaluateAsync("document.querySelector('#value-ranges [data-range=\"1M\"]').click()", Ct);
        await page.EvaluateAsync("document.getElementById('value-table').open = true", Ct);
        await Task.Delay(100);
        var dates = (await page.EvaluateAsync("[...document.querySelectorAll('#value-table tbody th')].map(t => t.textContent)", Ct))!.AsArray()
            .Select(d => d!.GetValue<string>()).ToList();
        var last = NodaTime.Text.LocalDatePattern.Iso.Parse(lastDate).Value;
        var monthAgo = NodaTime.Text.LocalDatePattern.Iso.Format(last.PlusMonths(-1));
        dates.Should().Equal(totals.Select(t => t["date"]).Where(d => string.CompareOrdinal(d, monthAgo) >= 0).Reverse());
        (await page.TextAsync("document.querySelector('#value-ranges [data-range=\"1M\"]').getAttribute('aria-pressed')", Ct)).Should().Be("true");
        page.Errors().Should().BeEmpty();
    }

    /// <summary>The page's figure with its thousands separators removed (the CSV has none).</summary>
    private static string Plain(string text) => text.Replace(",", "", StringComparison.Ordinal).Trim();

    private static string Or(string csv) => csv.Length == 0 ? "unknown" : csv;

    /// <summary>The price as the page rounds it: 2 decimals from 1 up, else 4 significant digits (docs/dashboard.md).</summary>
    private static string Shown(string csv)
    {
        if (csv.Length == 0) return csv;
        var price = decimal.Parse(csv, CultureInfo.InvariantCulture);
        if (price >= 1m) return Math.Round(price, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);
        var fraction = csv[(csv.IndexOf('.') + 1)..];
        var places = fraction.Length - fraction.TrimStart('0').Length + 4;   // the zeros after the point, then 4 digits
        return Math.Round(price, places, MidpointRounding.AwayFromZero).ToString("0." + new string('0', places), CultureInfo.InvariantCulture);
    }

    /// <summary>A report CSV (no field of these files holds a comma or quote) as rows of column → text.</summary>
    private static List<Dictionary<string, string>> Csv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(','))
            .Select(f => header.Select((h, i) => (h, v: i < f.Length ? f[i] : "")).ToDictionary(x => x.h, x => x.v)).ToList();
    }
}

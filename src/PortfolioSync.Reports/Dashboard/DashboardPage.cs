using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NodaTime.Text;
using PortfolioSync.Domain;
using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Tax;
using PortfolioSync.Domain.Warnings;
using PortfolioSync.Reports.Model;

namespace PortfolioSync.Reports.Dashboard;

/// <summary>
/// The dashboard as one self-contained HTML page: styles, script and data inline, a Content-Security-Policy that
/// allows only that inline script and style (by hash) and no network access at all. Tables are written here, so the
/// page reads without script; the script draws the value chart from the embedded daily series. Money is shown with
/// the CSV rounding (<see cref="DecimalText.RoundMoney"/>) plus thousands separators; quantities and prices in full.
/// </summary>
internal static class DashboardPage
{
    private static readonly string Css = Resource("dashboard.css");
    private static readonly string Script = Resource("dashboard.js");

    /// <summary>The policy of the page: no fetch, image, font, frame or connection of any kind.</summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; script-src 'sha256-{Hash(Script)}'; style-src 'sha256-{Hash(Css)}'; img-src data:; "
        + "connect-src 'none'; font-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'";

    public static string Render(DashboardReport d, DashboardFiles files)
    {
        var v = d.Value;
        var currency = v.Currency.Code;
        var h = new StringBuilder(64 * 1024);
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(ContentSecurityPolicy).Append("\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"color-scheme\" content=\"light dark\">\n")
            .Append("<title>PortfolioSync dashboard ").Append(Iso(d.AsOf)).Append("</title>\n")
            .Append("<style>").Append(Css).Append("</style>\n</head>\n<body>\n")
            .Append("<a class=\"skip\" href=\"#main\">Skip to content</a>\n");

        var last = v.Days.Count == 0 ? null : v.Days[^1];
        h.Append("<header>\n<h1>Portfolio on ").Append(Iso(d.AsOf)).Append("</h1>\n<p class=\"sub\">Values in ").Append(E(currency))
            .Append(" at the end of each day in ").Append(E(v.ZoneId)).Append("; ").Append(E(Rules(d))).Append(".</p>\n<ul class=\"kpis\">\n");
        Kpi(h, "Total value", "total-value", last?.Total, currency);
        Kpi(h, "Cost basis", "cost-basis", v.CostAtEnd, currency);
        Kpi(h, "Unrealized gain", "unrealized-gain", v.UnrealizedGainAtEnd, currency);
        h.Append("<li><span class=\"k\">Open warnings</span><span class=\"v\" id=\"warning-count\">")
            .Append(Count(d.Warnings.Count(w => w.Severity != Severity.Info))).Append("</span></li>\n</ul>\n");
        if (last is { Unpriced.Count: > 0 })
            h.Append("<p class=\"sub\">The total leaves out ").Append(E(string.Join(", ", last.Unpriced))).Append(": no price (see the warnings).</p>\n");
        h.Append("</header>\n<main id=\"main\">\n");

        ValueSection(h, d, files);
        HoldingsSection(h, d, files);
        AllocationSection(h, d);
        GainsSection(h, d);
        IncomeSection(h, d);
        SyncSection(h, d);
        WarningsSection(h, d, files);
        h.Append("</main>\n<footer>\n<ul>\n");
        foreach (var note in Notes(d)) h.Append("<li>").Append(E(note)).Append("</li>\n");
        h.Append("</ul>\n</footer>\n<script type=\"application/json\" id=\"dashboard-data\">");
        h.Append(DashboardSeries.Json(v));
        h.Append("</script>\n<script>").Append(Script).Append("</script>\n</body>\n</html>\n");
        return h.ToString();
    }

    private static void ValueSection(StringBuilder h, DashboardReport d, DashboardFiles files)
    {
        h.Append("<section id=\"value-card\" aria-labelledby=\"value-h\">\n<h2 id=\"value-h\">Value over time</h2>\n")
            .Append("<div class=\"controls\" id=\"value-controls\" hidden>\n<label>Account <select id=\"value-account\"></select></label>\n")
            .Append("<div class=\"ranges\" id=\"value-ranges\" role=\"group\" aria-label=\"Range\">");
        foreach (var r in new[] { "1M", "6M", "1Y", "YTD", "All" })
            h.Append("<button type=\"button\" data-range=\"").Append(r).Append("\" aria-pressed=\"").Append(r == "All" ? "true" : "false").Append("\">").Append(r).Append("</button>");
        h.Append("</div>\n</div>\n<div class=\"chart\" id=\"value-chart\"><p class=\"sub\">The chart needs JavaScript; the table below and ")
            .Append(Link(files.Value)).Append(" hold the same figures.</p></div>\n")
            .Append("<div class=\"readout\" id=\"value-readout\" aria-live=\"polite\"></div>\n<ul class=\"legend\" id=\"value-legend\"></ul>\n")
            .Append("<details id=\"value-table\"><summary>Value as a table</summary><div class=\"tbl\"></div></details>\n</section>\n");
    }

    private static void HoldingsSection(StringBuilder h, DashboardReport d, DashboardFiles files)
    {
        var currency = d.Value.Currency.Code;
        var total = d.HoldingsValue;
        h.Append("<section id=\"holdings-card\" aria-labelledby=\"holdings-h\">\n<h2 id=\"holdings-h\">Holdings on ").Append(Iso(d.AsOf)).Append("</h2>\n")
            .Append("<p class=\"sub\">Per pool and asset, ").Append(E(currency)).Append("; as ")
            .Append(Link(files.Holdings)).Append(". Fiat balances are money, not lots, so they are in the total value but not here.</p>\n")
            .Append("<div class=\"tbl\"><table id=\"holdings\"><thead><tr>");
        foreach (var (name, numeric) in new[] { ("pool", false), ("asset", false), ("quantity", true), ("price", true), ("market_value", true), ("cost", true), ("unrealized_gain", true), ("share", true) })
            h.Append("<th scope=\"col\"").Append(numeric ? " class=\"n\"" : "").Append('>').Append(name.Replace('_', ' ')).Append("</th>");
        h.Append("</tr></thead>\n<tbody>\n");
        foreach (var r in d.Holdings)
        {
            h.Append("<tr data-pool=\"").Append(E(r.Pool)).Append("\" data-asset=\"").Append(E(r.Asset.Code)).Append("\"><td>").Append(E(r.Pool))
                .Append("</td><th scope=\"row\">").Append(E(r.Asset.Code)).Append("</th>");
            Num(h, "quantity", DecimalText.Format(r.Quantity));
            Num(h, "price", r.Price is { } p ? PriceText(p) : null, title: r.Price is { } exact ? DecimalText.Format(exact) : null);
            Num(h, "market_value", Money(r.MarketValue));
            Num(h, "cost", Money(r.ShownCost));
            Num(h, "unrealized_gain", Money(r.UnrealizedGain), Sign(r.UnrealizedGain));
            Num(h, "share", total is { } t && t != 0 && r.MarketValue is { } mv ? Percent(mv / t) : null);
            h.Append("</tr>\n");
        }
        h.Append("</tbody>\n<tfoot>\n");
        // Coins on the exchange and coins withdrawn to outside are totalled apart, as in the workbook.
        foreach (var (location, title) in new[] { (HoldingRow.ExchangeLocation, "total on the exchange"), (HoldingRow.OutsideLocation, "total withdrawn to outside") })
        {
            var rows = d.Holdings.Where(x => x.Location == location).ToList();
            if (rows.Count == 0) continue;
            var value = rows.All(x => x.MarketValue is not null) ? rows.Sum(x => x.MarketValue!.Value) : (decimal?)null;
            var cost = rows.All(x => x.ShownCost is not null) ? rows.Sum(x => x.Cost) : (decimal?)null;
            var gain = rows.All(x => x.UnrealizedGain is not null) ? rows.Sum(x => x.UnrealizedGain!.Value) : (decimal?)null;
            h.Append("<tr data-location=\"").Append(location).Append("\"><td colspan=\"4\">").Append(title).Append("</td>");
            Num(h, "market_value", Money(value));
            Num(h, "cost", Money(cost));
            Num(h, "unrealized_gain", Money(gain), Sign(gain));
            Num(h, "share", total is { } t && t != 0 && value is { } v ? Percent(v / t) : null);
            h.Append("</tr>\n");
        }
        h.Append("</tfoot>\n</table></div>\n</section>\n");
    }

    private static void AllocationSection(StringBuilder h, DashboardReport d)
    {
        var byAsset = d.Holdings.Where(x => x.MarketValue > 0).GroupBy(x => x.Asset)
            .Select(g => (Asset: g.Key, Value: g.Sum(x => x.MarketValue!.Value))).OrderByDescending(x => x.Value).ThenBy(x => x.Asset).ToList();
        var sum = byAsset.Sum(x => x.Value);
        var assets = d.Value.Assets.ToList();
        h.Append("<section id=\"allocation-card\" aria-labelledby=\"allocation-h\">\n<h2 id=\"allocation-h\">Allocation</h2>\n");
        if (byAsset.Count == 0 || sum <= 0)
        {
            h.Append("<p class=\"sub\">No priced holdings.</p>\n</section>\n");
            return;
        }
        const int row = 28, labelWidth = 64, width = 400;
        h.Append("<svg id=\"allocation-chart\" viewBox=\"0 0 ").Append(width).Append(' ').Append(byAsset.Count * row + 4)
            .Append("\" role=\"img\" aria-labelledby=\"allocation-h\" aria-describedby=\"allocation-table\">\n");
        for (var i = 0; i < byAsset.Count; i++)
        {
            var (asset, value) = byAsset[i];
            var share = value / sum;
            var bar = (double)share * (width - labelWidth - 70);
            var colour = Palette[Math.Max(0, assets.IndexOf(asset)) % Palette.Length];
            var y = i * row + 4;
            h.Append(Inv($"<text x=\"0\" y=\"{y + 15}\" fill=\"currentColor\" font-size=\"13\">{E(asset.Code)}</text>"))
                .Append(Inv($"<rect x=\"{labelWidth}\" y=\"{y}\" width=\"{Math.Max(1, bar):0.0}\" height=\"20\" rx=\"2\" fill=\"{colour}\"/>"))
                .Append(Inv($"<text x=\"{labelWidth + Math.Max(1, bar) + 6:0.0}\" y=\"{y + 15}\" fill=\"currentColor\" font-size=\"13\">{Percent(share)}</text>\n"));
        }
        h.Append("</svg>\n<details><summary>Allocation as a table</summary><div class=\"tbl\"><table id=\"allocation-table\"><thead><tr><th scope=\"col\">asset</th><th scope=\"col\" class=\"n\">market value</th><th scope=\"col\" class=\"n\">share</th></tr></thead><tbody>\n");
        foreach (var (asset, value) in byAsset)
            h.Append("<tr><th scope=\"row\">").Append(E(asset.Code)).Append("</th><td class=\"n\">").Append(Money(value)).Append("</td><td class=\"n\">").Append(Percent(value / sum)).Append("</td></tr>\n");
        h.Append("</tbody></table></div></details>\n<p class=\"sub\">Share of the priced holdings (all pools).</p>\n</section>\n");
    }

    private static void GainsSection(StringBuilder h, DashboardReport d)
    {
        h.Append("<section id=\"gains-card\" aria-labelledby=\"gains-h\">\n<h2 id=\"gains-h\">Realized gains per tax year</h2>\n<p class=\"sub\">")
            .Append(E(Rules(d))).Append("; as the total row of each year's summary.csv.</p>\n<div class=\"tbl\"><table id=\"gains\"><thead><tr><th scope=\"col\">tax year</th>");
        foreach (var c in new[] { "disposals", "proceeds", "costs", "fees", "gains", "losses", "net" })
            h.Append("<th scope=\"col\" class=\"n\">").Append(c).Append("</th>");
        h.Append("</tr></thead>\n<tbody>\n");
        foreach (var y in d.Years.Reverse())
        {
            var t = y.Total;
            h.Append("<tr data-year=\"").Append(E(y.Label)).Append("\"><th scope=\"row\">").Append(E(y.Label)).Append("</th>");
            Num(h, "disposals", Count(t.Disposals));
            Num(h, "proceeds", Money(t.Proceeds));
            Num(h, "costs", Money(t.Costs));
            Num(h, "fees", Money(t.Fees));
            Num(h, "gains", Money(t.Gains));
            Num(h, "losses", Money(t.Losses));
            Num(h, "net", Money(t.Net), Sign(t.Net));
            h.Append("</tr>\n");
        }
        h.Append("</tbody>\n</table></div>\n</section>\n");
    }

    private static void IncomeSection(StringBuilder h, DashboardReport d)
    {
        h.Append("<section id=\"income-card\" aria-labelledby=\"income-h\">\n<h2 id=\"income-h\">Income per tax year</h2>\n<p class=\"sub\">Staking, referral and other income at market value on receipt, ")
            .Append(E(d.Value.Currency.Code)).Append("; as the value column of each year's income.csv.</p>\n<div class=\"tbl\"><table id=\"income\"><thead><tr><th scope=\"col\">tax year</th><th scope=\"col\" class=\"n\">receipts</th><th scope=\"col\" class=\"n\">value</th><th scope=\"col\">without price</th></tr></thead>\n<tbody>\n");
        foreach (var y in d.Years.Reverse())
        {
            var unpriced = y.Income.Count(i => i.Value is null);
            h.Append("<tr data-year=\"").Append(E(y.Label)).Append("\"><th scope=\"row\">").Append(E(y.Label)).Append("</th>");
            Num(h, "receipts", Count(y.Income.Count));
            Num(h, "value", Money(y.Income.Sum(i => i.Value ?? 0m)));
            h.Append("<td>").Append(unpriced == 0 ? "" : Count(unpriced) + " (not in the value; see warnings)").Append("</td></tr>\n");
        }
        h.Append("</tbody>\n</table></div>\n</section>\n");
    }

    private static void SyncSection(StringBuilder h, DashboardReport d)
    {
        h.Append("<section id=\"sync-card\" aria-labelledby=\"sync-h\">\n<h2 id=\"sync-h\">Last sync per account</h2>\n<div class=\"tbl\"><table id=\"syncs\"><thead><tr><th scope=\"col\">account</th><th scope=\"col\">last run (UTC)</th><th scope=\"col\">result</th></tr></thead>\n<tbody>\n");
        foreach (var s in d.Syncs)
            h.Append("<tr><th scope=\"row\">").Append(E(s.Account)).Append("</th><td>")
                .Append(s.LastRun is { } at ? at.InUtc().ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture) : "never")
                .Append("</td><td class=\"msg\"><span class=\"").Append(s.Succeeded switch { true => "ok", false => "bad", _ => "unk" }).Append("\">")
                .Append(s.Succeeded switch { true => "ok", false => "failed", _ => "not synced" }).Append("</span> ").Append(E(s.Result)).Append("</td></tr>\n");
        if (d.Syncs.Count == 0) h.Append("<tr><td colspan=\"3\">No sync runs in the store.</td></tr>\n");
        h.Append("</tbody>\n</table></div>\n</section>\n");
    }

    private static void WarningsSection(StringBuilder h, DashboardReport d, DashboardFiles files)
    {
        h.Append("<section id=\"warnings-card\" aria-labelledby=\"warnings-h\">\n<h2 id=\"warnings-h\">Open warnings</h2>\n");
        var groups = d.Warnings.GroupBy(w => (w.Severity, w.Code)).OrderByDescending(g => g.Key.Severity).ThenBy(g => g.Key.Code, StringComparer.Ordinal).ToList();
        if (groups.Count == 0)
        {
            h.Append("<p>None.</p>\n</section>\n");
            return;
        }
        h.Append("<p class=\"sub\">Every warning is listed in ").Append(Link(files.Warnings))
            .Append(" (each tax year's report folder has its own warnings.csv).</p>\n<div class=\"tbl\"><table id=\"warnings\"><thead><tr><th scope=\"col\">severity</th><th scope=\"col\">code</th><th scope=\"col\" class=\"n\">count</th><th scope=\"col\">example</th></tr></thead>\n<tbody>\n");
        foreach (var g in groups)
            h.Append("<tr data-code=\"").Append(E(g.Key.Code)).Append("\"><td").Append(g.Key.Severity == Severity.Error ? " class=\"bad\"" : "").Append('>')
                .Append(E(g.Key.Severity.ToText())).Append("</td><td>").Append(E(g.Key.Code)).Append("</td><td class=\"n\">").Append(Count(g.Count()))
                .Append("</td><td class=\"msg\">").Append(E(g.First().Message)).Append("</td></tr>\n");
        h.Append("</tbody>\n</table></div>\n</section>\n");
    }

    private static IEnumerable<string> Notes(DashboardReport d)
    {
        var v = d.Value;
        yield return $"Money in {v.Currency.Code}, rounded to 2 decimals (half away from zero) as in the CSV files; a total is the rounded sum of the unrounded values. Quantities are shown in full; prices are rounded for reading (2 decimals from 1 up, 4 significant digits below 1), the exact price is in the cell's tooltip and in holdings.csv.";
        yield return "An empty cell or 'unknown' means no price was found, never zero.";
        yield return "Charts: the value of each asset is stacked (held amounts only); the line is the day's total. Colours follow the Okabe-Ito palette.";
        if (v.GeneratedFrom.Length > 0) yield return $"Generated from: {v.GeneratedFrom}.";
    }

    private static string Rules(DashboardReport d)
    {
        var y = d.Years.Count == 0 ? null : d.Years[^1].Context;
        return y is null ? "no tax years" : $"method {CostBasisMethodText.ToText(y.Method)}, {PoolScopeText.ToText(y.Scope)} pools, jurisdiction {y.Jurisdiction.ToText()}";
    }

    internal static readonly string[] Palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#7F7F7F"];

    private static void Kpi(StringBuilder h, string title, string id, decimal? value, string currency) =>
        h.Append("<li><span class=\"k\">").Append(title).Append("</span><span class=\"v\"><span id=\"").Append(id).Append("\">")
            .Append(Money(value) ?? "unknown").Append("</span> ").Append(E(currency)).Append("</span></li>\n");

    private static void Num(StringBuilder h, string column, string? text, string? cls = null, string? title = null) =>
        h.Append("<td class=\"n").Append(cls is null ? "" : " " + cls).Append("\" data-col=\"").Append(column).Append('"')
            .Append(title is null ? "" : " title=\"" + E(title) + "\"").Append('>')
            .Append(text is null ? "<span class=\"unk\">unknown</span>" : E(text)).Append("</td>");

    /// <summary>
    /// A price as shown (presentation only; holdings.csv and the cell's title keep the exact value): 2 decimals with
    /// thousands separators from 1 up (<c>2,680.45</c>), 4 significant digits below 1 (<c>0.5123</c>, <c>0.00001235</c>).
    /// Cross rates have up to 28 digits, which no reader can use in a table.
    /// </summary>
    internal static string PriceText(decimal price)
    {
        var size = Math.Abs(price);
        if (size >= 1m || size == 0m)
            return Math.Round(price, 2, MidpointRounding.AwayFromZero).ToString("#,##0.00", CultureInfo.InvariantCulture);
        var places = 3;
        for (var x = size; x < 1m; x *= 10m) places++;
        places = Math.Min(places, 28);
        return Math.Round(price, places, MidpointRounding.AwayFromZero).ToString("0." + new string('0', places), CultureInfo.InvariantCulture);
    }

    private static string? Sign(decimal? v) => v switch { < 0 => "neg", > 0 => "pos", _ => null };

    /// <summary>The CSV's money rounding with thousands separators: <c>12,345.68</c>.</summary>
    internal static string? Money(decimal? value) =>
        value is { } v ? DecimalText.RoundMoney(v).ToString("#,##0.00", CultureInfo.InvariantCulture) : null;

    private static string Percent(decimal share) => (Math.Round(share * 100m, 1, MidpointRounding.AwayFromZero)).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Count(int n) => n.ToString("#,##0", CultureInfo.InvariantCulture);

    private static string Link(string file) => $"<a href=\"{E(Uri.EscapeDataString(file))}\">{E(file)}</a>";

    private static string Iso(NodaTime.LocalDate date) => LocalDatePattern.Iso.Format(date);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Hash(string text) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Resource(string name)
    {
        using var stream = typeof(DashboardPage).Assembly.GetManifestResourceStream("PortfolioSync.Reports.Dashboard." + name)
            ?? throw new InvalidOperationException($"the embedded resource {name} is missing");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}

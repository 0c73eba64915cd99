using System.Text;
using System.Text.Json;
using NodaTime.Text;
using PortfolioSync.Domain;
using PortfolioSync.Reports.Model;

namespace PortfolioSync.Reports.Dashboard;

/// <summary>
/// The value series as the page's script reads it: one entry per day (the series is already daily), per view (all
/// accounts, then each account) the day's total and each asset's value in whole cents, rounded here with the CSV's
/// money rule, so the script only formats integers and every figure it shows equals the CSV's. Null is unknown.
/// </summary>
internal static class DashboardSeries
{
    public const string AllAccounts = "All accounts";

    /// <summary>JSON safe to embed in a script element (&lt;, &gt; and &amp; are escaped).</summary>
    public static string Json(ValueReport v)
    {
        var assets = v.Assets;
        var index = assets.Select((a, i) => (a, i)).ToDictionary(x => x.a, x => x.i);
        var accounts = v.Rows.Select(r => r.Account).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var days = v.Days;
        var dayIndex = days.Select((d, i) => (d.Date, i)).ToDictionary(x => x.Date, x => x.i);

        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("currency", v.Currency.Code);
            w.WriteStartArray("dates");
            foreach (var d in days) w.WriteStringValue(LocalDatePattern.Iso.Format(d.Date));
            w.WriteEndArray();
            w.WriteStartArray("assets");
            foreach (var a in assets) w.WriteStringValue(a.Code);
            w.WriteEndArray();
            w.WriteStartArray("views");
            WriteView(w, AllAccounts, days.Select(d => d.Total).ToArray(),
                assets.Select(a => days.Select(d => d.ByAsset.TryGetValue(a, out var x) ? x : (decimal?)null).ToArray()).ToArray());
            if (accounts.Count > 1)
                foreach (var account in accounts)
                {
                    var total = new decimal?[days.Count];
                    var byAsset = assets.Select(_ => new decimal?[days.Count]).ToArray();
                    foreach (var r in v.Rows)
                    {
                        if (r.Account != account || r.Value is not { } value) continue;
                        var di = dayIndex[r.Date];
                        total[di] = (total[di] ?? 0m) + value;
                        var ai = index[r.Asset];
                        byAsset[ai][di] = (byAsset[ai][di] ?? 0m) + value;
                    }
                    WriteView(w, account, total, byAsset);
                }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteView(Utf8JsonWriter w, string name, decimal?[] total, decimal?[][] byAsset)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        Cents(w, "total", total);
        w.WriteStartArray("assets");
        foreach (var series in byAsset) Cents(w, null, series);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Cents(Utf8JsonWriter w, string? name, decimal?[] values)
    {
        if (name is null) w.WriteStartArray(); else w.WriteStartArray(name);
        foreach (var v in values)
            if (v is { } x) w.WriteNumberValue(decimal.ToInt64(DecimalText.RoundMoney(x) * 100m));
            else w.WriteNullValue();
        w.WriteEndArray();
    }
}

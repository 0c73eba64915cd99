using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace PortfolioSync.EndToEnd.Tests;

/// <summary>
/// The sample data read straight from its JSON files, with nothing of the product's code: records with signed amounts
/// per currency and daily closes per market. The test works its expected figures out from these.
/// </summary>
public sealed class SampleFacts
{
    private static readonly LocalDateTimePattern Stamp = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm:ss.FFFFFF");

    public sealed record Row(string Account, long Id, Instant At, string Type, decimal Fee, IReadOnlyDictionary<string, decimal> Amounts);

    public List<Row> Rows { get; } = [];

    /// <summary>Close per market symbol and UTC date.</summary>
    public Dictionary<(string Market, LocalDate Date), decimal> Closes { get; } = [];

    public static SampleFacts Load(string dir)
    {
        var facts = new SampleFacts();
        foreach (var accountDir in Directory.GetDirectories(dir).Where(d => File.Exists(Path.Combine(d, "user_transactions.json"))))
        {
            var account = Path.GetFileName(accountDir);
            using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(accountDir, "user_transactions.json")));
            foreach (var r in doc.RootElement.EnumerateArray())
            {
                var amounts = new Dictionary<string, decimal>(StringComparer.Ordinal);
                foreach (var p in r.EnumerateObject())
                {
                    if (p.Name is "id" or "datetime" or "type" or "fee" or "order_id" || p.Name.Contains('_')
                        || p.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null)) continue;
                    var v = Number(p.Value);
                    if (v != 0m) amounts[p.Name] = v;
                }
                facts.Rows.Add(new Row(account, r.GetProperty("id").GetInt64(),
                    Stamp.Parse(r.GetProperty("datetime").GetString()!).GetValueOrThrow().InUtc().ToInstant(),
                    r.GetProperty("type") is { ValueKind: JsonValueKind.String } t ? t.GetString()! : r.GetProperty("type").GetRawText(),
                    Number(r.GetProperty("fee")), amounts));
            }
        }
        foreach (var file in Directory.GetFiles(Path.Combine(dir, "ohlc"), "*.json"))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            var market = Path.GetFileNameWithoutExtension(file);
            foreach (var c in doc.RootElement.GetProperty("data").GetProperty("ohlc").EnumerateArray())
            {
                var date = Instant.FromUnixTimeSeconds(long.Parse(c.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture)).InUtc().Date;
                facts.Closes[(market, date)] = Number(c.GetProperty("close"));
            }
        }
        return facts;
    }

    /// <summary>GBP per unit of <paramref name="currency"/> on a UTC date: gbp itself, btcgbp directly, others through USD.</summary>
    public decimal GbpPer(string currency, LocalDate utcDate) => currency switch
    {
        "gbp" => 1m,
        "btc" => Closes[("btcgbp", utcDate)],
        "usd" => 1m / Closes[("gbpusd", utcDate)],
        _ => Closes[(currency + "usd", utcDate)] / Closes[("gbpusd", utcDate)],
    };

    // The real forms: numbers or numeric strings, exponent notation, and "None" / "" / null for zero.
    private static decimal Number(JsonElement e) =>
        e.ValueKind == JsonValueKind.Null || e.ValueKind == JsonValueKind.String && e.GetString() is "" or "None" ? 0m : decimal.Parse(e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
}

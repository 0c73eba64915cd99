using System.Globalization;
using PortfolioSync.FakeBitstamp.Data;

namespace PortfolioSync.FakeBitstamp.Generation;

/// <summary>
/// Writes generated records in Bitstamp's JSON shape, with the variations the real API shows (pair rate as string or
/// number, unrelated zero-valued currency keys as <c>0</c>, <c>0.0</c> or <c>"0.0"</c>, a stale <c>"btc_usd":"0.00"</c>
/// on some deposits/withdrawals), gives each the next global id and parses it back with the server's own parser.
/// </summary>
internal sealed class RecordComposer(Random rng, bool realistic = false)
{
    private readonly Queue<long> reservedIds = new();
    private static readonly string[] ZeroKeyCandidates = ["usd", "eur", "btc", "gbp"];
    private static readonly string[] ZeroForms = ["0", "0.0", "\"0.0\""];

    private readonly JsonLine line = new();
    private readonly ByteArena arena = new();
    private readonly UserTransactionParser parser = new();
    private long nextId = 270_000_000;
    private long nextOrderId = 1_600_000_000_000_000;

    public long NewOrderId() => nextOrderId += 1 + rng.Next(5_000_000);

    /// <summary>A market trade (type "2"). Signs: base &gt; 0 buys, quote has the opposite sign.</summary>
    public UserTransaction Trade(
        DateTime at, bool fraction, MarketPair pair, decimal baseAmount, int quoteDecimals, decimal quoteAmount,
        decimal price, int priceDecimals, decimal fee, int feeDecimals, long orderId)
    {
        Start(at, fraction, "2", Fixed(fee, feeDecimals));
        line.String(pair.Base, Fixed(baseAmount, 8)).String(pair.Quote, Fixed(quoteAmount, quoteDecimals));
        ZeroKeys(pair.Base, pair.Quote);
        var rate = Fixed(price, priceDecimals);
        if (realistic && price < 0.0001m && price > 0m && rng.Next(2) == 0) line.Raw(pair.RateKey, Exponent(price));
        else if (rng.Next(10) < 6) line.String(pair.RateKey, rate);
        else line.Raw(pair.RateKey, priceDecimals == 0 && rng.Next(2) == 0 ? rate + ".0" : rate);
        line.Number("order_id", orderId);
        if (realistic && rng.Next(100) < 3) line.String("margin_mode", "CROSS").String("leverage_rate", "1");
        return Finish();
    }

    /// <summary>
    /// A one-currency record: deposit "0", withdrawal "1", sub-account transfer "14", staking "25"/"26"/"27",
    /// referral "32" or any other code. <paramref name="amountText"/> is the signed amount as written.
    /// </summary>
    public UserTransaction Movement(DateTime at, bool fraction, string type, string currency, string amountText, string feeText)
    {
        Start(at, fraction, type, realistic && type == "0" && IsZero(feeText) && rng.Next(100) < 30 ? "None" : feeText);
        if (realistic && decimal.TryParse(amountText, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            && amount != 0m && Math.Abs(amount) < 0.0001m && rng.Next(100) < 50)
            amountText = Exponent(amount);
        line.String(currency, amountText);
        ZeroKeys(currency, currency);
        if (type is "0" or "1" && rng.Next(100) < 15) line.String("btc_usd", "0.00");
        return Finish();
    }

    private static readonly string[] FixedFormats = Enumerable.Range(0, 29).Select(d => "F" + d.ToString(CultureInfo.InvariantCulture)).ToArray();

    public static string Fixed(decimal value, int decimals) => value.ToString(FixedFormats[decimals], CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>8.494e-05</c>: the value exactly, as Python's JSON writer prints small floats (mantissa digits, two-digit exponent).
    /// </summary>
    public static string Exponent(decimal value)
    {
        var text = Math.Abs(value).ToString(CultureInfo.InvariantCulture);   // below 1 here: "0.0000xyz"
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var fraction = text[(point + 1)..];
        var leadingZeros = fraction.Length - fraction.TrimStart('0').Length;
        var exponent = -(leadingZeros + 1);
        var digits = fraction.TrimStart('0').TrimEnd('0');
        var mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
        return (value < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }

    private static bool IsZero(string text) => text.Length > 0 && text.All(c => c is '0' or '.');

    private void Start(DateTime at, bool fraction, string type, string feeText)
    {
        var gap = 1 + rng.Next(300);
        nextId += gap;
        var id = nextId;
        if (realistic)
        {
            // Ids are given when a request is made; a withdrawal is dated when it completes, after later ids.
            if (gap >= 2 && rng.Next(100) < 8) reservedIds.Enqueue(nextId - 1);
            if (type == "1" && reservedIds.Count > 0 && rng.Next(100) < 50) id = reservedIds.Dequeue();
        }
        line.Begin().Number("id", id).String("datetime", BitstampDateTime.Format(at, fraction));
        if (realistic && rng.Next(100) < 10) line.Number("type", long.Parse(type, CultureInfo.InvariantCulture));
        else line.String("type", type);
        line.String("fee", feeText);
    }

    private void ZeroKeys(string a, string b)
    {
        if (rng.Next(100) >= 35) return;
        var count = 1 + rng.Next(2);
        var start = rng.Next(ZeroKeyCandidates.Length);
        for (var i = 0; i < ZeroKeyCandidates.Length && count > 0; i++)
        {
            var key = ZeroKeyCandidates[(start + i) % ZeroKeyCandidates.Length];
            if (key == a || key == b) continue;
            line.Raw(key, ZeroForms[rng.Next(ZeroForms.Length)]);
            count--;
        }
    }

    private UserTransaction Finish()
    {
        line.End();
        return parser.Parse(arena.Add(line.Written));
    }
}

using System.Globalization;
using System.Text;

namespace PortfolioSync.FakeBitstamp.Data;

/// <summary>
/// Writes an account's history as Bitstamp's two CSV transaction exports (bitstamp-api.md §10), so that a store
/// built from the files can be compared with one synced from the API: <c>DIR/rfc4180/&lt;account&gt;.csv</c> (the
/// export since Dec 2023, oldest first, <c>ID</c> = the API id, times to the microsecond) and
/// <c>DIR/legacy/&lt;account&gt;.csv</c> (the old export, newest first, times cut to the minute, "1.5 ETH" cells, no id).
/// Amounts keep the API's digits; trades are unsigned with Buy/Sell, transfers are signed, other rows unsigned.
/// A type the export has no name for is written as <c>Unknown (code)</c>.
/// </summary>
public static class CsvExportWriter
{
    public const string Rfc4180Folder = "rfc4180";
    public const string LegacyFolder = "legacy";

    private const string Rfc4180Header = "ID,Account,Type,Subtype,Datetime,Amount,Amount currency,Value,Value currency,Rate,Rate currency,Fee,Fee currency,Order ID";
    private const string LegacyHeader = "Type,Datetime,Account,Amount,Value,Rate,Fee,Sub Type";

    /// <summary>Writes both exports of every account of <paramref name="data"/> under <paramref name="dir"/>; returns the files written.</summary>
    public static IReadOnlyList<string> Write(ServerData data, string dir)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrWhiteSpace(dir);
        var written = new List<string>();
        Directory.CreateDirectory(Path.Combine(dir, Rfc4180Folder));
        Directory.CreateDirectory(Path.Combine(dir, LegacyFolder));
        foreach (var account in data.Accounts)
        {
            var rfc = Path.Combine(dir, Rfc4180Folder, account.Name + ".csv");
            File.WriteAllText(rfc, Rfc4180(account), new UTF8Encoding(false));
            var legacy = Path.Combine(dir, LegacyFolder, account.Name + ".csv");
            File.WriteAllText(legacy, Legacy(account), new UTF8Encoding(true));   // the old export came with a BOM
            written.Add(rfc);
            written.Add(legacy);
        }
        return written;
    }

    /// <summary>The RFC 4180 export of <paramref name="account"/>, oldest first, <c>\r\n</c> line ends.</summary>
    public static string Rfc4180(AccountData account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var text = new StringBuilder(Rfc4180Header).Append("\r\n");
        var label = Label(account);
        foreach (var r in account.Transactions.OrderBy(t => t.DateTime).ThenBy(t => t.Id))
        {
            var row = Describe(r);
            var fee = r.Fee == 0m ? "" : Num(r.Fee);
            var feeCurrency = r.Fee == 0m ? "" : Upper(r.FeeCurrency ?? row.Amount.Currency);
            string[] cells =
            [
                Num(r.Id), label, row.Type, row.SubType, Iso(r.DateTime),
                Num(row.Amount.Amount), Upper(row.Amount.Currency),
                row.Value is { } v ? Num(v.Amount) : "", row.Value is { } vc ? Upper(vc.Currency) : "",
                row.Rate is { } rate ? Num(rate) : "", row.Rate is not null && row.Value is { } rc ? Upper(rc.Currency) : "",
                fee, feeCurrency, r.OrderId is { } o ? Num(o) : "",
            ];
            text.AppendJoin(',', cells.Select(Quote)).Append("\r\n");
        }
        return text.ToString();
    }

    /// <summary>The old export of <paramref name="account"/>, newest first, <c>\n</c> line ends.</summary>
    public static string Legacy(AccountData account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var text = new StringBuilder(LegacyHeader).Append('\n');
        var label = Label(account);
        foreach (var r in account.Transactions.OrderByDescending(t => t.DateTime).ThenByDescending(t => t.Id))
        {
            var row = Describe(r);
            string[] cells =
            [
                row.Type, OldDate(r.DateTime), label, Cell(row.Amount.Amount, row.Amount.Currency),
                row.Value is { } v ? Cell(v.Amount, v.Currency) : "",
                row.Rate is { } rate && row.Value is { } rc ? Cell(rate, rc.Currency) : "",
                r.Fee == 0m ? "" : Cell(r.Fee, r.FeeCurrency ?? row.Amount.Currency),
                row.SubType,
            ];
            text.AppendJoin(',', cells.Select(Quote)).Append('\n');
        }
        return text.ToString();
    }

    private sealed record Row(string Type, string SubType, CurrencyAmount Amount, CurrencyAmount? Value, decimal? Rate);

    private static Row Describe(UserTransaction r)
    {
        var first = r.Amounts.Count > 0 ? r.Amounts[0] : new CurrencyAmount(r.FeeCurrency ?? "usd", 0m);
        switch (r.Type)
        {
            case "2" or "36":
                var baseCurrency = r.Market?.Base ?? first.Currency;
                var quoteCurrency = r.Market?.Quote ?? (r.Amounts.Count > 1 ? r.Amounts[1].Currency : first.Currency);
                var amount = r.AmountOf(baseCurrency);
                var quote = r.AmountOf(quoteCurrency);
                return new Row(r.Type == "2" ? "Market" : "Instant conversion", amount >= 0m ? "Buy" : "Sell",
                    new CurrencyAmount(baseCurrency, Math.Abs(amount)), new CurrencyAmount(quoteCurrency, Math.Abs(quote)), r.Rate);
            case "14" or "33" or "35":
                var name = r.Type switch { "14" => "Sub Account Transfer", "33" => "Settlement transfer", _ => "Inter Account Transfer" };
                return new Row(name, "", first, null, null);
            default:
                var type = r.Type switch
                {
                    "0" => "Deposit",
                    "1" => "Withdrawal",
                    "25" => "Credited with staked assets",
                    "26" => "Sent to staking",
                    "27" => "Staking reward",
                    "32" => "Referral reward",
                    _ => $"Unknown ({r.Type})",
                };
                return new Row(type, "", first with { Amount = Math.Abs(first.Amount) }, null, null);
        }
    }

    private static string Label(AccountData account) => account.IsMain ? "Main Account" : account.Name;

    private static string Upper(string currency) => currency.ToUpperInvariant();

    private static string Num(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Cell(decimal amount, string currency) => Num(amount) + " " + Upper(currency);

    private static string Iso(DateTime at) =>
        at.ToString(at.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    // "Jan. 28, 2022, 12:13 AM"; May has no abbreviation dot.
    private static string OldDate(DateTime at)
    {
        var month = at.ToString("MMM", CultureInfo.InvariantCulture) + (at.Month == 5 ? "" : ".");
        return month + " " + at.ToString("d, yyyy, hh:mm tt", CultureInfo.InvariantCulture);
    }

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\r', '\n']) < 0 ? cell : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using PortfolioSync.Bitstamp.Records;
using PortfolioSync.Domain;

namespace PortfolioSync.Bitstamp.Csv;

/// <summary>
/// Reads one Bitstamp CSV transaction export (either format, told apart by the header; a BOM is allowed). Every cell
/// that carries a date, an amount or a currency is checked: the first bad one stops the read with a
/// <see cref="CsvImportException"/> naming file, line and column. Nothing is inferred here (see <see cref="CsvLedgerMapper"/>).
/// </summary>
public static partial class BitstampCsvReader
{
    /// <summary>The RFC 4180 export's header.</summary>
    public static readonly IReadOnlyList<string> Rfc4180Header =
        ["ID", "Account", "Type", "Subtype", "Datetime", "Amount", "Amount currency", "Value", "Value currency", "Rate", "Rate currency", "Fee", "Fee currency", "Order ID"];

    /// <summary>The old export's header.</summary>
    public static readonly IReadOnlyList<string> LegacyHeader = ["Type", "Datetime", "Account", "Amount", "Value", "Rate", "Fee", "Sub Type"];

    private static readonly LocalDateTimePattern IsoT = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss.FFFFFFFFF");
    private static readonly LocalDateTimePattern IsoSpace = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm:ss.FFFFFFFFF");
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    private static readonly JsonWriterOptions RawJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Reads <paramref name="text"/>, the content of <paramref name="file"/> (named in errors).</summary>
    /// <exception cref="CsvImportException">Unknown header, a row of the wrong width, or a bad date, amount, currency or id cell.</exception>
    public static CsvExport Read(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(text);
        using var records = CsvTokenizer.Read(file, text).GetEnumerator();
        if (!records.MoveNext())
            throw new CsvImportException(file, 1, null, "the file is empty; " + Expected);
        var header = records.Current.Cells.Select(c => c.Trim()).ToList();
        var format = Matches(header, Rfc4180Header) ? CsvExportFormat.Rfc4180
            : Matches(header, LegacyHeader) ? CsvExportFormat.Legacy
            : throw new CsvImportException(file, 1, null, $"not a Bitstamp transaction export: the header is '{string.Join(",", header)}'; " + Expected);
        var names = format == CsvExportFormat.Rfc4180 ? Rfc4180Header : LegacyHeader;

        var rows = new List<CsvTransaction>();
        while (records.MoveNext())
        {
            var (line, cells) = records.Current;
            if (cells.Count != names.Count)
                throw new CsvImportException(file, line, null,
                    string.Create(CultureInfo.InvariantCulture, $"has {cells.Count} cells, the header has {names.Count}"));
            var row = new Row(file, line, names, cells);
            rows.Add(format == CsvExportFormat.Rfc4180 ? ReadRfc(row) : ReadLegacy(row));
        }
        return new CsvExport(file, format, rows);
    }

    /// <summary>
    /// Reads again one row as the store keeps it (<see cref="CsvTransaction.Raw"/>: a JSON object of header → cell
    /// text), with the same checks as <see cref="Read"/>: what <c>verify</c> re-maps and compares with the ledger.
    /// </summary>
    /// <exception cref="CsvImportException">Not a stored row of either export, or a bad cell.</exception>
    public static CsvTransaction ReadStored(string source, string rawJson)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(rawJson);
        List<string> header = [];
        List<string> cells = [];
        try
        {
            using var doc = JsonDocument.Parse(rawJson);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new CsvImportException(source, 0, null, "the stored row is not a JSON object");
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.String) throw new CsvImportException(source, 0, p.Name, "the stored cell is not a string");
                header.Add(p.Name);
                cells.Add(p.Value.GetString()!);
            }
        }
        catch (JsonException e)
        {
            throw new CsvImportException(source, 0, null, $"the stored row is not JSON: {e.Message}");
        }
        var format = Matches(header, Rfc4180Header) ? CsvExportFormat.Rfc4180
            : Matches(header, LegacyHeader) ? CsvExportFormat.Legacy
            : throw new CsvImportException(source, 0, null, $"the stored row has the columns '{string.Join(",", header)}'; " + Expected);
        var row = new Row(source, 0, format == CsvExportFormat.Rfc4180 ? Rfc4180Header : LegacyHeader, cells);
        return format == CsvExportFormat.Rfc4180 ? ReadRfc(row) : ReadLegacy(row);
    }

    private static string Expected =>
        $"expected the columns '{string.Join(",", Rfc4180Header)}' (Bitstamp's RFC 4180 export) or '{string.Join(",", LegacyHeader)}' (the old export)";

    private static bool Matches(List<string> header, IReadOnlyList<string> expected) =>
        header.Count == expected.Count && header.Zip(expected).All(p => string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase));

    private static CsvTransaction ReadRfc(Row row)
    {
        var idText = row["ID"];
        long? id = idText.Length == 0 ? null : row.Long("ID");
        var at = row.IsoInstant("Datetime");
        var amount = row.Pair("Amount", "Amount currency", required: true)!.Value;
        var value = row.Pair("Value", "Value currency", required: false);
        var rate = row.Pair("Rate", "Rate currency", required: false);
        var feeText = row["Fee"];
        var feeAmount = feeText.Length == 0 ? 0m : row.Decimal("Fee");
        CurrencyAmount? fee = row["Fee currency"].Length == 0 ? null : new CurrencyAmount(row.Currency("Fee currency"), feeAmount);
        long? orderId = row["Order ID"].Length == 0 ? null : row.Long("Order ID");
        return new CsvTransaction(row.Line, CsvExportFormat.Rfc4180, id, at, row["Type"].Trim(), row["Subtype"].Trim(),
            amount, value, rate, fee, feeAmount, orderId, row.Json());
    }

    private static CsvTransaction ReadLegacy(Row row)
    {
        var at = row.LegacyInstant("Datetime");
        var amount = row.Combined("Amount", required: true)!.Value;
        var value = row.Combined("Value", required: false);
        var rate = row.Combined("Rate", required: false);
        var fee = row.Combined("Fee", required: false);
        return new CsvTransaction(row.Line, CsvExportFormat.Legacy, null, at, row["Type"].Trim(), row["Sub Type"].Trim(),
            amount, value, rate, fee, fee?.Amount ?? 0m, null, row.Json());
    }

    [GeneratedRegex(@"^([A-Za-z]{3,9})\.? ([0-9]{1,2}), ([0-9]{4}), ([0-9]{1,2}):([0-9]{2}) ([AaPp])\.?[Mm]\.?$")]
    private static partial Regex LegacyDate();

    [GeneratedRegex(@"^(\S+) ([A-Za-z0-9]+)$")]
    private static partial Regex AmountWithCurrency();

    /// <summary>One row's cells by column name, with checked readers that name the cell when they fail.</summary>
    private readonly struct Row(string file, int line, IReadOnlyList<string> names, List<string> cells)
    {
        public int Line => line;

        public string this[string column] => cells[Index(column)];

        private int Index(string column)
        {
            for (var i = 0; i < names.Count; i++)
                if (names[i] == column) return i;
            throw new ArgumentException($"no column '{column}'", nameof(column));
        }

        private CsvImportException Bad(string column, string problem) => new(file, line, column, problem);

        private static string Show(string text) => text.Length > 40 ? text[..40] + "…" : text;

        public decimal Decimal(string column)
        {
            var text = this[column].Trim();
            return DecimalText.TryParse(text, out var value, out var problem) ? value
                : throw Bad(column, $"'{Show(text)}' is not an amount ({problem})");
        }

        public long Long(string column)
        {
            var text = this[column].Trim();
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
                : throw Bad(column, $"'{Show(text)}' is not a whole number");
        }

        public Asset Currency(string column)
        {
            var text = this[column].Trim();
            return Asset.TryParse(text, out var asset) ? asset
                : throw Bad(column, $"'{Show(text)}' is not a currency code (1-16 letters or digits)");
        }

        public CurrencyAmount? Pair(string amountColumn, string currencyColumn, bool required)
        {
            var amountText = this[amountColumn].Trim();
            var currencyText = this[currencyColumn].Trim();
            if (amountText.Length == 0 && currencyText.Length == 0 && !required) return null;
            if (amountText.Length == 0) throw Bad(amountColumn, "is empty");
            var amount = Decimal(amountColumn);
            if (currencyText.Length == 0) throw Bad(currencyColumn, $"is empty, but '{amountColumn}' is {Show(amountText)}");
            return new CurrencyAmount(Currency(currencyColumn), amount);
        }

        /// <summary>An old-export cell like <c>2.00000000 ETH</c>.</summary>
        public CurrencyAmount? Combined(string column, bool required)
        {
            var text = this[column].Trim();
            if (text.Length == 0)
                return required ? throw Bad(column, "is empty") : null;
            var match = AmountWithCurrency().Match(text);
            if (!match.Success)
                throw Bad(column, $"'{Show(text)}' is not an amount followed by its currency (like '2.00000000 ETH')");
            if (!DecimalText.TryParse(match.Groups[1].Value, out var amount, out var problem))
                throw Bad(column, $"'{Show(text)}': the amount {problem}");
            if (!Asset.TryParse(match.Groups[2].Value, out var asset))
                throw Bad(column, $"'{Show(text)}': '{match.Groups[2].Value}' is not a currency code");
            return new CurrencyAmount(asset, amount);
        }

        /// <summary>ISO 8601, UTC: <c>2024-05-02T10:11:12Z</c>, with or without <c>T</c>, fraction or <c>Z</c>/<c>+00:00</c>.</summary>
        public Instant IsoInstant(string column)
        {
            var text = this[column].Trim();
            var local = text.EndsWith('Z') ? text[..^1] : text.EndsWith("+00:00", StringComparison.Ordinal) ? text[..^6] : text;
            var parsed = local.Contains('T', StringComparison.Ordinal) ? IsoT.Parse(local) : IsoSpace.Parse(local);
            return parsed.Success ? parsed.Value.InUtc().ToInstant()
                : throw Bad(column, $"'{Show(text)}' is not a date and time (expected UTC like 2024-05-02T10:11:12Z)");
        }

        /// <summary>The old export's <c>Jan. 28, 2022, 12:13 AM</c> (UTC, whole minutes; <c>May</c> without a dot).</summary>
        public Instant LegacyInstant(string column)
        {
            var text = this[column].Trim();
            var m = LegacyDate().Match(text);
            var month = m.Success ? Array.IndexOf(Months, m.Groups[1].Value[..3].ToLowerInvariant()) + 1 : 0;
            if (month == 0)
                throw Bad(column, $"'{Show(text)}' is not a date and time (expected like 'Jan. 28, 2022, 12:13 AM')");
            var day = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            var year = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
            var hour = int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture);
            var minute = int.Parse(m.Groups[5].Value, CultureInfo.InvariantCulture);
            var pm = char.ToUpperInvariant(m.Groups[6].Value[0]) == 'P';
            if (hour is < 1 or > 12 || minute > 59 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
                throw Bad(column, $"'{Show(text)}' is not a valid date and time");
            var hour24 = hour % 12 + (pm ? 12 : 0);
            return new LocalDateTime(year, month, day, hour24, minute).InUtc().ToInstant();
        }

        public string Json()
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, RawJson))
            {
                writer.WriteStartObject();
                for (var i = 0; i < names.Count; i++) writer.WriteString(names[i], cells[i]);
                writer.WriteEndObject();
            }
            return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }
    }
}

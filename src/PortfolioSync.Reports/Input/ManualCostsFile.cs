using System.Globalization;
using CsvHelper;
using NodaTime.Text;
using PortfolioSync.Domain;
using PortfolioSync.Domain.CostBasis;

namespace PortfolioSync.Reports.Input;

/// <summary>
/// Reads <c>manual-costs.csv</c>: the cost (in the base currency) of acquisitions the ledger cannot know, such as
/// coins deposited from elsewhere. Header <c>account,external_id,asset,date,cost</c> (any order, exactly these
/// columns). A row names either one deposit (<c>account</c> + <c>external_id</c>, with <c>asset</c> and <c>date</c>
/// empty) or a day's deposits of one asset (<c>asset</c> + <c>date</c> as <c>yyyy-MM-dd</c> in the configured zone,
/// <c>account</c> optional). An optional sixth column <c>acquired_at</c> (<c>yyyy-MM-dd</c>, taken as 12:00 UTC so
/// the date is the same in every zone from UTC−11 to UTC+11, or an ISO 8601 instant such as
/// <c>2020-02-01T15:30:00Z</c>) says when coins bought elsewhere were acquired: the holding period and UK
/// identification use it. Costs are plain decimals (<c>1234.5</c>: no thousands separators, no exponent, no
/// decimal comma) and not negative. Separator <c>,</c>, UTF-8 (a BOM is fine), blanks around fields ignored, empty
/// lines and rows with every field empty skipped. Nothing here depends on the machine's culture.
/// Every problem stops the read with a <see cref="ManualCostsException"/> naming file, line and column.
/// </summary>
public static class ManualCostsFile
{
    public const string AccountColumn = "account";
    public const string ExternalIdColumn = "external_id";
    public const string AssetColumn = "asset";
    public const string DateColumn = "date";
    public const string CostColumn = "cost";
    public const string AcquiredAtColumn = "acquired_at";

    /// <summary>The columns in their usual order.</summary>
    public static IReadOnlyList<string> Columns { get; } = [AccountColumn, ExternalIdColumn, AssetColumn, DateColumn, CostColumn];

    /// <summary>Columns a file may add.</summary>
    public static IReadOnlyList<string> OptionalColumns { get; } = [AcquiredAtColumn];

    private static readonly CsvReaderOptions Options = new()
    {
        Separator = ',',
        HasHeader = true,
        TrimWhitespace = true,
        SkipEmptyLines = true,
        TrackLineNumbers = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Allow,   // checked here, to say which line and what to do
        DetectSeparatorHint = false,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="ManualCostsException">The file is missing, unreadable or has a bad row.</exception>
    public static IReadOnlyList<ManualCost> Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            throw Missing(path);
        }
        catch (DirectoryNotFoundException)
        {
            throw Missing(path);
        }
        catch (IOException e)
        {
            throw new ManualCostsException(path, 0, null, $"cannot be read ({e.GetType().Name}: {e.Message})");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ManualCostsException(path, 0, null, $"cannot be read ({e.GetType().Name}: {e.Message})");
        }
        return Parse(bytes, path);
    }

    private static ManualCostsException Missing(string path) =>
        new(path, 0, null, "no such file (config key \"manualCosts\"): create it, or remove the key");

    /// <summary>Parses the content of a manual costs file; <paramref name="file"/> names it in messages.</summary>
    /// <exception cref="ManualCostsException">A bad header or row.</exception>
    public static IReadOnlyList<ManualCost> Parse(byte[] utf8, string file)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        var costs = new List<ManualCost>();
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            using var csv = CsvReader.Create(utf8, Options);
            var header = ReadHeader(csv, file);
            while (csv.Read())
            {
                var line = csv.LineNumber;
                if (csv.FieldCount != header.Count)
                {
                    if (AllEmpty(csv)) continue;
                    throw new ManualCostsException(file, line, null,
                        $"has {csv.FieldCount} fields, the header has {header.Count} ({string.Join(",", header)}); "
                        + "a decimal comma or a comma inside a value splits a field: write 12.50, and quote values that contain commas");
                }
                if (AllEmpty(csv)) continue;
                var row = new Row(csv, header, file, line);
                var (cost, key) = row.ToCost();
                if (seen.TryGetValue(key, out var first))
                    throw new ManualCostsException(file, line, null, $"gives a second cost for {cost} (first on line {first}): keep one row");
                seen[key] = line;
                costs.Add(cost);
            }
        }
        catch (CsvFormatException e)
        {
            throw new ManualCostsException(file, e.LineNumber, null, $"is not valid CSV: {e.Message}");
        }
        return costs;
    }

    private static Dictionary<string, int> ReadHeader(CsvReader csv, string file)
    {
        csv.ReadHeader();
        var names = csv.Headers;
        var expected = string.Join(",", Columns);
        if (names.Count == 0 || names.All(n => n.Trim().Length == 0))
            throw new ManualCostsException(file, 1, null, $"is empty: the first line must be the header {expected}");
        var header = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i].Trim().TrimStart('\uFEFF').ToLowerInvariant();
            if (!Columns.Contains(name, StringComparer.Ordinal) && !OptionalColumns.Contains(name, StringComparer.Ordinal))
                throw new ManualCostsException(file, 1, names[i], $"is not a known column: the header must be {expected} (optionally with {AcquiredAtColumn})");
            if (!header.TryAdd(name, i))
                throw new ManualCostsException(file, 1, names[i], "appears twice in the header");
        }
        var missing = Columns.Where(c => !header.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            throw new ManualCostsException(file, 1, missing[0], $"is missing from the header: it must be {expected}");
        return header;
    }

    private static bool AllEmpty(CsvReader csv)
    {
        for (var i = 0; i < csv.FieldCount; i++)
            if (csv.GetString(i).Trim().Length > 0) return false;
        return true;
    }

    /// <summary>One data row, with the checks that name its line and column.</summary>
    private readonly struct Row(CsvReader csv, Dictionary<string, int> header, string file, long line)
    {
        private readonly string _account = Field(csv, header, AccountColumn);
        private readonly string _externalId = Field(csv, header, ExternalIdColumn);
        private readonly string _asset = Field(csv, header, AssetColumn);
        private readonly string _date = Field(csv, header, DateColumn);
        private readonly string _cost = Field(csv, header, CostColumn);
        private readonly string _acquiredAt = header.ContainsKey(AcquiredAtColumn) ? Field(csv, header, AcquiredAtColumn) : "";

        public (ManualCost Cost, string Key) ToCost()
        {
            var (cost, key) = ToCostOnly();
            return (_acquiredAt.Length == 0 ? cost : cost with { AcquiredAt = AcquiredAt() }, key);
        }

        private NodaTime.Instant AcquiredAt()
        {
            var date = LocalDatePattern.Iso.Parse(_acquiredAt);
            if (date.Success) return date.Value.At(new NodaTime.LocalTime(12, 0)).InUtc().ToInstant();
            var instant = InstantPattern.ExtendedIso.Parse(_acquiredAt);
            if (instant.Success) return instant.Value;
            var offset = OffsetDateTimePattern.ExtendedIso.Parse(_acquiredAt);
            if (offset.Success) return offset.Value.ToInstant();
            throw Bad(AcquiredAtColumn, $"'{_acquiredAt}' is not a date (yyyy-MM-dd) or an ISO 8601 instant (e.g. 2020-02-01T15:30:00Z)");
        }

        private (ManualCost Cost, string Key) ToCostOnly()
        {
            var cost = Cost();
            if (_externalId.Length > 0)
            {
                if (!long.TryParse(_externalId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
                    throw Bad(ExternalIdColumn, $"'{_externalId}' is not an exchange record id (a whole number above 0)");
                if (_account.Length == 0)
                    throw Bad(AccountColumn, "is empty: a row with an external_id needs the account the record belongs to");
                if (_asset.Length > 0 || _date.Length > 0)
                    throw Bad(_asset.Length > 0 ? AssetColumn : DateColumn,
                        "must be empty when external_id is given: a row names either one record (account, external_id) or a day's deposits (asset, date)");
                return (ManualCost.ForEntry(_account, id, cost), $"id\n{_account}\n{id}");
            }
            if (_asset.Length == 0)
                throw Bad(AssetColumn, "is empty: give account and external_id, or asset and date");
            if (!Asset.TryParse(_asset, out var asset))
                throw Bad(AssetColumn, $"'{_asset}' is not an asset code (1-16 letters or digits, e.g. BTC)");
            if (_date.Length == 0)
                throw Bad(DateColumn, "is empty: a row by asset needs the date of the deposits (yyyy-MM-dd)");
            var date = LocalDatePattern.Iso.Parse(_date);
            if (!date.Success)
                throw Bad(DateColumn, $"'{_date}' is not a date in the form yyyy-MM-dd (e.g. 2024-03-01)");
            var account = _account.Length == 0 ? null : _account;
            return (ManualCost.ForAssetOn(asset, date.Value, cost, account), $"day\n{asset}\n{_date}\n{account}");
        }

        private decimal Cost()
        {
            if (_cost.Length == 0) throw Bad(CostColumn, "is empty: give the cost in the base currency, e.g. 1234.56");
            if (!DecimalText.TryParse(_cost, out var cost, out var problem))
                throw Bad(CostColumn, $"'{_cost}' {(problem!.StartsWith("is ", StringComparison.Ordinal) ? problem : "is not a plain decimal number: " + problem)}");
            if (cost < 0m) throw Bad(CostColumn, $"'{_cost}' is negative: a cost is 0 or more");
            return cost;
        }

        private ManualCostsException Bad(string column, string problem) => new(file, line, column, problem);

        private static string Field(CsvReader csv, Dictionary<string, int> header, string column) =>
            csv.GetString(header[column]).Trim();
    }
}

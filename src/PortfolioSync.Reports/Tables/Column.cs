using System.Globalization;
using NodaTime;
using NodaTime.Text;
using PortfolioSync.Domain;

namespace PortfolioSync.Reports.Tables;

/// <summary>
/// One column of a report table: its snake_case name, how its values are written and how wide it is in the
/// workbook. A null value is an empty cell (unknown), never zero.
/// </summary>
internal sealed class Column<T>
{
    private readonly Func<T, string?>? _text;
    private readonly Func<T, decimal?>? _number;
    private readonly Func<T, Instant?>? _instant;
    private readonly Func<T, LocalDate?>? _date;

    private Column(string name, ColumnKind kind, double maxWidth, bool total,
        Func<T, string?>? text = null, Func<T, decimal?>? number = null,
        Func<T, Instant?>? instant = null, Func<T, LocalDate?>? date = null)
    {
        Name = name;
        Kind = kind;
        MaxWidth = maxWidth;
        Total = total;
        _text = text;
        _number = number;
        _instant = instant;
        _date = date;
    }

    public string Name { get; }

    public ColumnKind Kind { get; }

    /// <summary>The widest the workbook column may get, in characters (longer text wraps or overflows).</summary>
    public double MaxWidth { get; }

    /// <summary>Whether the workbook puts a SUM formula under this column.</summary>
    public bool Total { get; }

    /// <param name="maxWidth">The widest the workbook column may get; longer text overflows or wraps.</param>
    /// <param name="wrap">Whether long text wraps in the workbook (the row grows) instead of overflowing.</param>
    public static Column<T> Text(string name, Func<T, string?> get, double maxWidth = 40, bool wrap = false) =>
        new(name, ColumnKind.Text, maxWidth, false, text: get) { Wrap = wrap };

    public static Column<T> Count(string name, Func<T, decimal?> get, bool total = false) =>
        new(name, ColumnKind.Count, 30, total, number: get);

    public static Column<T> Money(string name, Func<T, decimal?> get, bool total = false) =>
        new(name, ColumnKind.Money, 30, total, number: get);

    public static Column<T> Quantity(string name, Func<T, decimal?> get) =>
        new(name, ColumnKind.Quantity, 40, false, number: get);

    public static Column<T> Price(string name, Func<T, decimal?> get) =>
        new(name, ColumnKind.Price, 40, false, number: get);

    public static Column<T> Instant(string name, Func<T, Instant?> get) =>
        new(name, ColumnKind.Instant, 40, false, instant: get);

    public static Column<T> Date(string name, Func<T, LocalDate?> get) =>
        new(name, ColumnKind.Date, 40, false, date: get);

    /// <summary>Whether long text wraps in the workbook (the row grows) instead of overflowing.</summary>
    public bool Wrap { get; private init; }

    /// <summary>Numbers are right-aligned (and so is their header); text, dates and times are left-aligned.</summary>
    public bool IsNumeric => Kind is ColumnKind.Count or ColumnKind.Money or ColumnKind.Quantity or ColumnKind.Price;

    /// <summary>
    /// How many characters the workbook shows for <paramref name="row"/> with this column's number format
    /// (the longest line for text).
    /// </summary>
    public int DisplayLength(T row)
    {
        switch (Kind)
        {
            case ColumnKind.Text:
                var text = _text!(row);
                if (string.IsNullOrEmpty(text)) return 0;
                var longest = 0;
                foreach (var line in text.AsSpan().EnumerateLines()) longest = Math.Max(longest, line.Length);
                return longest;
            case ColumnKind.Instant: return 19;
            case ColumnKind.Date: return 10;
        }
        return _number!(row) is { } n ? NumberLength(n) : 0;
    }

    /// <summary>How many characters the workbook shows for the number <paramref name="n"/> in this column.</summary>
    public int NumberLength(decimal n)
    {
        var digits = IntegerDigits(n);
        var sign = n < 0 ? 1 : 0;
        return Kind switch
        {
            ColumnKind.Count => digits + sign,
            ColumnKind.Money => digits + (digits - 1) / 3 + 3 + sign,
            ColumnKind.Price => digits + (digits - 1) / 3 + 3 + Math.Min(6, Math.Max(0, Decimals(n) - 2)) + sign,
            _ => digits + 9 + sign,   // quantity: 8 decimals
        };
    }

    private static int IntegerDigits(decimal n)
    {
        var whole = decimal.Truncate(Math.Abs(n));
        var digits = 1;
        while (whole >= 10) { whole = decimal.Truncate(whole / 10); digits++; }
        return digits;
    }

    private static int Decimals(decimal n) => (decimal.GetBits(n)[3] >> 16) & 0xFF;

    /// <summary>The CSV text of this column for <paramref name="row"/>; null for an empty field.</summary>
    public string? Csv(T row) => Kind switch
    {
        ColumnKind.Text => _text!(row),
        ColumnKind.Count => _number!(row) is { } n ? n.ToString("0", CultureInfo.InvariantCulture) : null,
        ColumnKind.Money => _number!(row) is { } m ? DecimalText.FormatMoney(m) : null,
        ColumnKind.Quantity or ColumnKind.Price => _number!(row) is { } q ? DecimalText.Format(q) : null,
        ColumnKind.Instant => _instant!(row) is { } i ? InstantPattern.ExtendedIso.Format(i) : null,
        ColumnKind.Date => _date!(row) is { } d ? LocalDatePattern.Iso.Format(d) : null,
        _ => throw new InvalidOperationException($"unknown column kind {Kind}"),
    };

    /// <summary>
    /// The workbook value: a string, a double (numbers; unrounded, 15 significant digits), a UTC
    /// <see cref="DateTime"/> (instants and dates), or null for an empty cell.
    /// </summary>
    public object? Cell(T row) => Kind switch
    {
        ColumnKind.Text => _text!(row),
        ColumnKind.Count or ColumnKind.Money or ColumnKind.Quantity or ColumnKind.Price =>
            _number!(row) is { } n ? (double)n : null,
        ColumnKind.Instant => _instant!(row) is { } i ? i.ToDateTimeUtc() : null,
        ColumnKind.Date => _date!(row) is { } d ? d.ToDateTimeUnspecified() : null,
        _ => throw new InvalidOperationException($"unknown column kind {Kind}"),
    };

    /// <summary>The sum of this column's known numbers over <paramref name="rows"/> (for sizing a total).</summary>
    public decimal Sum(IEnumerable<T> rows) => _number is null ? 0m : rows.Sum(r => _number(r) ?? 0m);

    /// <summary>True when the value of <paramref name="row"/> is unknown (empty).</summary>
    public bool IsEmpty(T row) => Kind switch
    {
        ColumnKind.Text => string.IsNullOrEmpty(_text!(row)),
        ColumnKind.Instant => _instant!(row) is null,
        ColumnKind.Date => _date!(row) is null,
        _ => _number!(row) is null,
    };
}

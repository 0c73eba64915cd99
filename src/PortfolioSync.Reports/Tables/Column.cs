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

    private Column(string name, ColumnKind kind, double width, bool total,
        Func<T, string?>? text = null, Func<T, decimal?>? number = null,
        Func<T, Instant?>? instant = null, Func<T, LocalDate?>? date = null)
    {
        Name = name;
        Kind = kind;
        Width = width;
        Total = total;
        _text = text;
        _number = number;
        _instant = instant;
        _date = date;
    }

    public string Name { get; }

    public ColumnKind Kind { get; }

    /// <summary>Workbook column width in characters.</summary>
    public double Width { get; }

    /// <summary>Whether the workbook puts a SUM formula under this column.</summary>
    public bool Total { get; }

    public static Column<T> Text(string name, double width, Func<T, string?> get) =>
        new(name, ColumnKind.Text, width, false, text: get);

    public static Column<T> Count(string name, Func<T, decimal?> get, bool total = false) =>
        new(name, ColumnKind.Count, Math.Max(10, name.Length + 3), total, number: get);

    public static Column<T> Money(string name, Func<T, decimal?> get, bool total = false) =>
        new(name, ColumnKind.Money, Math.Max(15, name.Length + 3), total, number: get);

    public static Column<T> Quantity(string name, Func<T, decimal?> get) =>
        new(name, ColumnKind.Quantity, Math.Max(17, name.Length + 3), false, number: get);

    public static Column<T> Price(string name, Func<T, decimal?> get) =>
        new(name, ColumnKind.Price, Math.Max(15, name.Length + 3), false, number: get);

    public static Column<T> Instant(string name, Func<T, Instant?> get) =>
        new(name, ColumnKind.Instant, Math.Max(20, name.Length + 3), false, instant: get);

    public static Column<T> Date(string name, Func<T, LocalDate?> get) =>
        new(name, ColumnKind.Date, Math.Max(12, name.Length + 3), false, date: get);

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

    /// <summary>True when the value of <paramref name="row"/> is unknown (empty).</summary>
    public bool IsEmpty(T row) => Kind switch
    {
        ColumnKind.Text => string.IsNullOrEmpty(_text!(row)),
        ColumnKind.Instant => _instant!(row) is null,
        ColumnKind.Date => _date!(row) is null,
        _ => _number!(row) is null,
    };
}

using NodaTime;
using PortfolioSync.Domain.Warnings;

namespace PortfolioSync.Reports.Model;

/// <summary>One line of <c>warnings.csv</c>.</summary>
/// <param name="Code">Kebab-case code (<c>missing-price</c>, <c>no-data</c>, …).</param>
public sealed record WarningRow(string Code, Severity Severity, string? Account, string? EntryId, string Message)
{
    /// <summary>Code of the notice added to a report that has no data for its year.</summary>
    public const string NoDataCode = "no-data";

    public string Code { get; } = RowCheck.NotBlank(Code, nameof(Code));
    public string Message { get; } = RowCheck.NotBlank(Message, nameof(Message));

    /// <summary>When the event the warning is about happened (the ledger entry's instant); null when it concerns no
    /// single entry.</summary>
    public Instant? At { get; init; }

    public static WarningRow From(Warning warning)
    {
        ArgumentNullException.ThrowIfNull(warning);
        return new WarningRow(warning.Code.ToText(), warning.Severity, warning.Account, warning.EntryId, warning.Message);
    }

    /// <summary>The row of <paramref name="warning"/>, dated with its entry's instant from <paramref name="entryTimes"/>.</summary>
    public static WarningRow From(Warning warning, IReadOnlyDictionary<string, Instant> entryTimes)
    {
        ArgumentNullException.ThrowIfNull(entryTimes);
        var row = From(warning);
        return warning.EntryId is { } id && entryTimes.TryGetValue(id, out var at) ? row with { At = at } : row;
    }

    /// <summary>Errors first, then warnings, then notices; then code, account, entry and message (ordinal).</summary>
    internal static IReadOnlyList<WarningRow> Sort(IEnumerable<WarningRow> rows) =>
        rows.OrderByDescending(w => w.Severity)
            .ThenBy(w => w.Code, StringComparer.Ordinal)
            .ThenBy(w => w.Account ?? "", StringComparer.Ordinal)
            .ThenBy(w => w.EntryId ?? "", StringComparer.Ordinal)
            .ThenBy(w => w.Message, StringComparer.Ordinal)
            .ToList();
}

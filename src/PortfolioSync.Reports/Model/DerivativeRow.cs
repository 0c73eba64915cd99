using NodaTime;
using PortfolioSync.Domain;

namespace PortfolioSync.Reports.Model;

/// <summary>One derivatives settlement (Bitstamp type 58) in <c>derivatives.csv</c>: signed, positive when received.</summary>
/// <param name="Value">Signed value in the base currency; null when no price valued it.</param>
public sealed record DerivativeRow(Instant At, string Account, Asset Asset, decimal Quantity, decimal? Value, string EntryId)
{
    /// <summary>The <c>account</c> of the total line.</summary>
    public const string TotalMarker = "*total*";

    /// <summary>The total line: the sum of the values, null when any is unknown.</summary>
    internal static DerivativeRow? Total(IReadOnlyList<DerivativeRow> rows) => rows.Count == 0 ? null
        : new DerivativeRow(default, TotalMarker, default, 0m, rows.All(r => r.Value is not null) ? rows.Sum(r => r.Value!.Value) : null, "");
}

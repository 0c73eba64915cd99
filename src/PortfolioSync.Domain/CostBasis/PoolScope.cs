using NodaTime;
using NodaTime.Text;

namespace PortfolioSync.Domain.CostBasis;

/// <summary>Which lots a disposal may match. Text forms: <see cref="PoolScopeText"/>.</summary>
public enum PoolScope
{
    /// <summary>One pool per asset across all accounts; internal transfers change nothing.</summary>
    Universal,
    /// <summary>One pool per account and asset (wallet by wallet); internal transfers move lots with their dates and costs.</summary>
    PerAccount,
    /// <summary>Universal before <see cref="CostBasisOptions.PerAccountFrom"/>; at that date the universal pools' lots
    /// are allocated to the accounts holding the asset (<see cref="CostBasisResult.Allocations"/>); per account after
    /// (Treas. Reg. §1.1012-1(j); Rev. Proc. 2024-28).</summary>
    PerAccountFrom,
}

public static class PoolScopeText
{
    /// <summary>The pool name used in holdings for the universal scope.</summary>
    public const string UniversalPool = "universal";

    /// <summary>The date from which the US requires wallet-by-wallet identification (Treas. Reg. §1.1012-1(j)).</summary>
    public static LocalDate UsPerAccountDate { get; } = new(2025, 1, 1);

    public static string ToText(this PoolScope scope) => scope switch
    {
        PoolScope.Universal => "universal",
        PoolScope.PerAccount => "per-account",
        PoolScope.PerAccountFrom => "per-account-from",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, null),
    };

    /// <summary>The text of a scope with its date: <c>per-account-from:2025-01-01</c>.</summary>
    public static string ToText(PoolScope scope, LocalDate? from) =>
        scope == PoolScope.PerAccountFrom && from is { } d ? "per-account-from:" + LocalDatePattern.Iso.Format(d) : scope.ToText();

    /// <summary>Parses <c>universal</c> or <c>per-account</c> (case-insensitive).</summary>
    public static PoolScope Parse(string text) => ParseWithDate(text).Scope;

    /// <summary>Parses <c>universal</c>, <c>per-account</c> or <c>per-account-from:YYYY-MM-DD</c> (case-insensitive).</summary>
    /// <exception cref="FormatException">Names the accepted values.</exception>
    public static (PoolScope Scope, LocalDate? From) ParseWithDate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim().ToLowerInvariant();
        const string prefix = "per-account-from:";
        if (t.StartsWith(prefix, StringComparison.Ordinal))
        {
            var date = LocalDatePattern.Iso.Parse(t[prefix.Length..]);
            if (!date.Success) throw new FormatException($"'{text}': the date after per-account-from: must be YYYY-MM-DD.");
            return (PoolScope.PerAccountFrom, date.Value);
        }
        return t switch
        {
            "universal" => (PoolScope.Universal, null),
            "per-account" or "peraccount" => (PoolScope.PerAccount, null),
            _ => throw new FormatException($"'{text}' is not a pool scope: use universal, per-account or per-account-from:YYYY-MM-DD."),
        };
    }
}

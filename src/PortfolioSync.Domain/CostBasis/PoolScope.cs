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
    /// (Treas. Reg. §1.1012-1(j); Rev. Proc. 2024-28). Text form <c>per-account-from:YYYY-MM-DD</c>.</summary>
    PerAccountFrom,
}

/// <summary>
/// The one place where a pool scope's text form (config <c>poolScope</c>, <c>--scope</c>, report notes) is written.
/// Adding a scope: one enum member and one row of the table.
/// </summary>
public static class PoolScopeText
{
    private static readonly (PoolScope Scope, string Text)[] Table =
    [
        (PoolScope.Universal, "universal"),
        (PoolScope.PerAccount, "per-account"),
        (PoolScope.PerAccountFrom, "per-account-from"),
    ];

    /// <summary>What a scope option accepts, for help and messages: <c>universal, per-account or
    /// per-account-from:YYYY-MM-DD</c>.</summary>
    public static string Accepted { get; } = $"{Table[0].Text}, {Table[1].Text} or {Table[2].Text}:YYYY-MM-DD";

    /// <summary>The date from which the US requires wallet-by-wallet identification (Treas. Reg. §1.1012-1(j)).</summary>
    public static LocalDate UsPerAccountDate { get; } = new(2025, 1, 1);

    /// <summary>The text of a scope with its date: <c>per-account-from:2025-01-01</c>.</summary>
    public static string ToText(PoolScope scope, LocalDate? from) =>
        scope == PoolScope.PerAccountFrom && from is { } d ? Prefix + LocalDatePattern.Iso.Format(d) : scope.ToText();

    private static string Prefix => PoolScope.PerAccountFrom.ToText() + ":";

    /// <summary>Parses <c>universal</c>, <c>per-account</c> or <c>per-account-from:YYYY-MM-DD</c> (case-insensitive).</summary>
    /// <exception cref="FormatException">Names the accepted values.</exception>
    public static (PoolScope Scope, LocalDate? From) ParseWithDate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (t.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            var date = LocalDatePattern.Iso.Parse(t[Prefix.Length..]);
            if (!date.Success) throw new FormatException($"'{text}': the date after {Prefix} must be YYYY-MM-DD.");
            return (PoolScope.PerAccountFrom, date.Value);
        }
        PoolScope scope;
        try
        {
            scope = Parse(t);
        }
        catch (FormatException)
        {
            throw new FormatException($"'{text}' is not a pool scope: use {Accepted}.");
        }
        if (scope == PoolScope.PerAccountFrom)
            throw new FormatException($"'{text}' needs its date: {Prefix}YYYY-MM-DD (e.g. {ToText(PoolScope.PerAccountFrom, UsPerAccountDate)}).");
        return (scope, null);
    }

    /// <summary>The pool name used in holdings for the universal scope (the scope's own text form).</summary>
    public static readonly string UniversalPool = PoolScope.Universal.ToText();

    /// <summary>Every scope's text form, in declaration order.</summary>
    public static IReadOnlyList<string> Names { get; } = Table.Select(r => r.Text).ToArray();

    public static string ToText(this PoolScope scope)
    {
        foreach (var (s, text) in Table)
            if (s == scope) return text;
        throw new ArgumentOutOfRangeException(nameof(scope), scope, null);
    }

    /// <summary>Parses a scope's text form (case-insensitive; <c>peraccount</c> is read as <c>per-account</c>).</summary>
    /// <exception cref="FormatException">Names the accepted values.</exception>
    public static PoolScope Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        foreach (var (s, name) in Table)
            if (string.Equals(name, t, StringComparison.OrdinalIgnoreCase)
                || string.Equals(name.Replace("-", "", StringComparison.Ordinal), t, StringComparison.OrdinalIgnoreCase))
                return s;
        throw new FormatException($"'{text}' is not a pool scope: use {TextList.Or(Names)}.");
    }
}

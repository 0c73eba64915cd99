namespace PortfolioSync.Domain.CostBasis;

/// <summary>Which lots a disposal may match. Text forms: <see cref="PoolScopeText"/>.</summary>
public enum PoolScope
{
    /// <summary>One pool per asset across all accounts; internal transfers change nothing.</summary>
    Universal,
    /// <summary>One pool per account and asset (wallet by wallet); internal transfers move lots with their dates and costs.</summary>
    PerAccount,
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
    ];

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

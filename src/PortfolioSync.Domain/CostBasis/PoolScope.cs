namespace PortfolioSync.Domain.CostBasis;

/// <summary>Which lots a disposal may match. Text forms: <see cref="PoolScopeText"/>.</summary>
public enum PoolScope
{
    /// <summary>One pool per asset across all accounts; internal transfers change nothing.</summary>
    Universal,
    /// <summary>One pool per account and asset (wallet by wallet); internal transfers move lots with their dates and costs.</summary>
    PerAccount,
}

public static class PoolScopeText
{
    /// <summary>The pool name used in holdings for the universal scope.</summary>
    public const string UniversalPool = "universal";

    public static string ToText(this PoolScope scope) => scope switch
    {
        PoolScope.Universal => "universal",
        PoolScope.PerAccount => "per-account",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, null),
    };

    /// <summary>Parses <c>universal</c> or <c>per-account</c> (case-insensitive).</summary>
    public static PoolScope Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "universal" => PoolScope.Universal,
        "per-account" or "peraccount" => PoolScope.PerAccount,
        _ => throw new FormatException($"'{text}' is not a pool scope: use universal or per-account."),
    };
}

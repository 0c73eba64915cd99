using NodaTime;
using PortfolioSync.Domain.CostBasis;
using PortfolioSync.Domain.Tax;
using PortfolioSync.Domain.Warnings;

namespace PortfolioSync.Cli.Config;

/// <summary>
/// The method × jurisdiction rules at the CLI edge (docs/cost-basis.md, "Method × jurisdiction"): a refused pair stops
/// <c>report</c>, <c>value</c> and <c>demo</c> with exit 2 naming the rule; notes go to stderr. Also fills the issue 14
/// options the config carries (scope date, account order, crypto-to-crypto valuation).
/// </summary>
internal static class CostBasisRulesGate
{
    /// <summary>Parses a pool scope text (config or <c>--scope</c>).</summary>
    /// <exception cref="CliException">Not a pool scope (exit 2).</exception>
    public static (PoolScope Scope, LocalDate? From) Scope(string text, string what)
    {
        try
        {
            return PoolScopeText.ParseWithDate(text);
        }
        catch (FormatException e)
        {
            throw new CliException($"{what}: {e.Message}");
        }
    }

    /// <exception cref="CliException">The jurisdiction refuses the pair (exit 2).</exception>
    public static void Check(AppConfig config, CostBasisMethod method, PoolScope scope, LocalDate? from, TextWriter error)
    {
        var check = JurisdictionRules.Check(config.Jurisdiction, method, scope, from);
        if (check.Refusal is { } refusal)
            throw new CliException($"{refusal}; change method/poolScope in {config.SourcePath} or the command-line option");
        foreach (var note in check.Notes) error.WriteLine("note: " + note);
    }

    /// <summary>The warning for a US year from 2025 computed with universal pools, or null.</summary>
    public static Warning? YearWarning(AppConfig config, PoolScope scope, TaxYear year) =>
        JurisdictionRules.UniversalTooLate(config.Jurisdiction, scope, year)
            ? new Warning(WarningCode.JurisdictionRule, Severity.Warning, null, null,
                $"tax year {year.Label} is computed with {PoolScope.Universal.ToText()} pools, but from 1 January 2025 US basis is identified wallet by wallet "
                + $"(Treas. Reg. §1.1012-1(j); Rev. Proc. 2024-28): set poolScope to {PoolScopeText.ToText(PoolScope.PerAccountFrom, PoolScopeText.UsPerAccountDate)} (the default for {Jurisdiction.Us.Name})")
            : null;

}

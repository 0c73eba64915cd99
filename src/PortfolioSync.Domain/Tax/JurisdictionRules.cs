using NodaTime;
using PortfolioSync.Domain.CostBasis;

namespace PortfolioSync.Domain.Tax;

/// <summary>What a jurisdiction's rules say about a method and pool scope (docs/cost-basis.md, "Method × jurisdiction").</summary>
/// <param name="Refusal">Set when the pair is not allowed: the rule and its source, for an exit-2 message.</param>
/// <param name="Notes">Things to tell the user that do not stop the run.</param>
public sealed record RuleCheck(string? Refusal, IReadOnlyList<string> Notes)
{
    public bool Allowed => Refusal is null;
}

/// <summary>
/// Which methods and pool scopes each jurisdiction allows. UK: HMRC share identification, one pool per person
/// (TCGA92 s104–s106A; CRYPTO22200). US: specific identification or FIFO per wallet (Treas. Reg. §1.1012-1(c), (j);
/// Rev. Proc. 2024-28); no average cost for cryptoassets. Generic: anything.
/// </summary>
public static class JurisdictionRules
{
    public static RuleCheck Check(Jurisdiction jurisdiction, CostBasisMethod method, PoolScope scope, LocalDate? perAccountFrom = null)
    {
        var uk = jurisdiction == Jurisdiction.Uk;
        var us = jurisdiction == Jurisdiction.Us;
        if (RefuseEu(jurisdiction, method, scope, perAccountFrom) is { } eu) return Refuse(eu);
        if (uk && method != CostBasisMethod.Uk)
            return Refuse($"jurisdiction {Jurisdiction.Uk.Name} requires method {CostBasisMethod.Uk.ToText()}, not {method.ToText()}: HMRC identifies cryptoasset disposals by the same-day, 30-day and section 104 pool rules (TCGA92 s104, s105, s106A; HMRC CRYPTO22200)");
        if (uk && scope != PoolScope.Universal)
            return Refuse($"jurisdiction {Jurisdiction.Uk.Name} requires pool scope {PoolScope.Universal.ToText()}, not {PoolScopeText.ToText(scope, perAccountFrom)}: HMRC pools each cryptoasset per person across all wallets and exchanges (HMRC CRYPTO22200)");
        if (us && method == CostBasisMethod.Average)
            return Refuse($"jurisdiction {Jurisdiction.Us.Name} refuses method {CostBasisMethod.Average.ToText()}: the basis of a cryptoasset is that of the units identified as sold, by specific identification or else first in, first out (Treas. Reg. §1.1012-1(c), (j)); {CostBasisMethod.Average.ToText()} basis is only for regulated investment company shares (§1.1012-1(e))");
        if (us && method == CostBasisMethod.Uk)
            return Refuse($"jurisdiction {Jurisdiction.Us.Name} refuses method {CostBasisMethod.Uk.ToText()}: HMRC share identification is a UK rule; use {CostBasisMethod.Fifo.ToText()}, or {CostBasisMethod.Lifo.ToText()}/{CostBasisMethod.Hifo.ToText()} with standing orders (Treas. Reg. §1.1012-1(j))");
        var notes = new List<string>();
        var usName = Jurisdiction.Us.Name;
        if (us && method is CostBasisMethod.Lifo or CostBasisMethod.Hifo)
            notes.Add($"method {method.ToText()} under jurisdiction {usName} is specific identification: it holds only with a standing order recorded before each sale (Treas. Reg. §1.1012-1(j)(3); Rev. Proc. 2024-28); without one the IRS applies first in, first out");
        if (us && scope == PoolScope.Universal)
            notes.Add($"pool scope {PoolScope.Universal.ToText()} under jurisdiction {usName}: from 1 January 2025 basis is identified wallet by wallet (Treas. Reg. §1.1012-1(j); Rev. Proc. 2024-28); use {PoolScopeText.ToText(PoolScope.PerAccountFrom, PoolScopeText.UsPerAccountDate)} (the default)");
        if (scope == PoolScope.PerAccountFrom && perAccountFrom is null)
            return Refuse($"pool scope {PoolScope.PerAccountFrom.ToText()} needs a date: {PoolScope.PerAccountFrom.ToText()}:YYYY-MM-DD");
        return new RuleCheck(null, notes);
    }

    /// <summary>Whether a US tax year falls under the wallet-by-wallet rule while the scope is universal.</summary>
    public static bool UniversalTooLate(Jurisdiction jurisdiction, PoolScope scope, TaxYear year) =>
        jurisdiction == Jurisdiction.Us && scope == PoolScope.Universal && year.End >= PoolScopeText.UsPerAccountDate;

    /// <summary>The French portfolio method outside France, and the de/es/fr method and scope rules (docs/cost-basis.md,
    /// "Jurisdictions").</summary>
    private static string? RefuseEu(Jurisdiction j, CostBasisMethod method, PoolScope scope, LocalDate? from)
    {
        var fr = CostBasisMethod.FrPortfolio.ToText();
        if (j != Jurisdiction.Fr && method == CostBasisMethod.FrPortfolio)
            return $"method '{fr}' is the French portfolio method (art. 150 VH bis CGI): set \"jurisdiction\": \"{Jurisdiction.Fr.Name}\" to use it";
        if (j == Jurisdiction.De && method != CostBasisMethod.Fifo)
            return $"method '{method.ToText()}' is not allowed for jurisdiction {j.Name}: §23 Abs. 1 Satz 1 Nr. 2 Satz 3 EStG deems the units acquired first to be sold first (FIFO), and the one-year holding period needs each lot's date; use {CostBasisMethod.Fifo.ToText()}";
        if (j == Jurisdiction.Es && method != CostBasisMethod.Fifo)
            return $"method '{method.ToText()}' is not allowed for jurisdiction {j.Name}: units of one cryptoasset are homogeneous and leave first in, first out (FIFO: DGT V0525-25 and V1550-25, by analogy with art. 37.2 LIRPF); use {CostBasisMethod.Fifo.ToText()}";
        if (j == Jurisdiction.Fr && method != CostBasisMethod.FrPortfolio)
            return $"method '{method.ToText()}' is not allowed for jurisdiction {j.Name}: gains of occasional investors are computed over the whole portfolio (art. 150 VH bis III CGI); use {fr}";
        if (j == Jurisdiction.Es && scope != PoolScope.Universal)
            return $"pool scope '{PoolScopeText.ToText(scope, from)}' is not allowed for jurisdiction {j.Name}: units of one cryptoasset are one homogeneous pool across every platform and account (DGT V1550-25 of 3 September 2025); use {PoolScope.Universal.ToText()}";
        if (j == Jurisdiction.Fr && scope != PoolScope.Universal)
            return $"pool scope '{PoolScopeText.ToText(scope, from)}' is not allowed for jurisdiction {j.Name}: the portfolio of art. 150 VH bis CGI is every account together; use {PoolScope.Universal.ToText()}";
        return null;
    }

    private static RuleCheck Refuse(string why) => new(why, []);
}

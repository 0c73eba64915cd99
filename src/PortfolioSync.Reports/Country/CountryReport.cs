using PortfolioSync.Domain.Tax;
using PortfolioSync.Domain.Tax.France;
using PortfolioSync.Domain.Tax.Germany;
using PortfolioSync.Domain.Tax.Netherlands;
using PortfolioSync.Domain.Warnings;

namespace PortfolioSync.Reports.Country;

/// <summary>
/// The country files of one tax year (docs/cost-basis.md, "Jurisdictions"): exactly one of the country parts is set,
/// by <see cref="Jurisdiction"/>. Figures are unrounded; the tables round when they write.
/// </summary>
public sealed class CountryReport
{
    public required Jurisdiction Jurisdiction { get; init; }

    public IReadOnlyList<GermanDisposal>? GermanRows { get; init; }
    public GermanYear? German { get; init; }

    public IReadOnlyList<Box3Holding>? Box3Holdings { get; init; }
    public Box3Year? Box3 { get; init; }

    public IReadOnlyList<Modelo100Row>? Modelo100 { get; init; }
    public IReadOnlyList<Modelo721Row>? Modelo721 { get; init; }

    public IReadOnlyList<FrenchDisposal>? Form2086 { get; init; }
    public FrenchYear? French { get; init; }
    public IReadOnlyList<Form3916BisRow>? Form3916Bis { get; init; }

    /// <summary>Warnings the country computation raised (missing prices, deposits without acquisition price).</summary>
    public IReadOnlyList<Warning> Warnings { get; init; } = [];

    /// <summary>Sentences for notes.txt and the Summary sheet: which form each file serves, and how to read it.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

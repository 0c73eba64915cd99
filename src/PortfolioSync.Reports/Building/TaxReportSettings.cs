using PortfolioSync.Domain.Tax;
using PortfolioSync.Reports.Model;

namespace PortfolioSync.Reports.Building;

/// <summary>
/// What <see cref="TaxReportBuilder"/> needs besides the engine's result (which already says the method, scope,
/// base currency, zone and tax year rule).
/// </summary>
/// <param name="Jurisdiction">Decides the extras (SA108, Form 8949) and whether the <c>term</c> column is filled
/// (US only).</param>
/// <param name="GeneratedFrom">Where the data came from, for the notes (store, entry count, dates); no secrets and
/// no time of the run.</param>
/// <param name="Value">A value series to add as the Value sheet and <c>value.csv</c>; optional.</param>
public sealed record TaxReportSettings(Jurisdiction Jurisdiction, string GeneratedFrom, ValueReport? Value = null);

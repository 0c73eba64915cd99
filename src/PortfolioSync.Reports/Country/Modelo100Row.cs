using PortfolioSync.Domain;

namespace PortfolioSync.Reports.Country;

/// <summary>
/// One line for Modelo 100 (IRPF): per asset, the year's capital gains and losses from transmissions (sales and swaps,
/// art. 33-35 LIRPF), or the year's staking and other rewards (<see cref="Kind"/> <c>income</c>). EUR, unrounded;
/// null where unknown.
/// </summary>
/// <param name="TransmissionValue">Valor de transmisión: proceeds net of the disposal fees (art. 35.1 LIRPF).</param>
/// <param name="AcquisitionValue">Valor de adquisición: cost with the acquisition fees.</param>
public sealed record Modelo100Row(
    Asset Asset,
    string Kind,
    int Count,
    decimal? TransmissionValue,
    decimal? AcquisitionValue,
    decimal? IncomeValue,
    int Incomplete)
{
    public const string GainKind = "gain-or-loss";
    public const string IncomeKind = "income";

    public decimal? GainOrLoss => Kind == GainKind ? TransmissionValue - AcquisitionValue : null;
}

using NodaTime;

namespace PortfolioSync.Reports.Country;

/// <summary>
/// One account opened, held, used or closed abroad, for form 3916-bis (art. 1649 bis C CGI): the exchange's legal
/// entity, its address and the account's first and last activity dates in the ledger.
/// </summary>
public sealed record Form3916BisRow(string Account, LocalDate FirstActivity, LocalDate LastActivity)
{
    public const string Entity = "Bitstamp Europe S.A.";
    public const string Address = "40, avenue Monterey, L-2163 Luxembourg";
    public const string Country = "Luxembourg";
    public const string Registration = "RCS Luxembourg B196856";
    public const string Website = "https://www.bitstamp.net";
}

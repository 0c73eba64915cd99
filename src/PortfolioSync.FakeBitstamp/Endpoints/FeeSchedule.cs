namespace PortfolioSync.FakeBitstamp.Endpoints;

/// <summary>The trading fee the server reports for every market, in percent as Bitstamp writes it.</summary>
internal static class FeeSchedule
{
    public const string Maker = "0.300";
    public const string Taker = "0.400";
}

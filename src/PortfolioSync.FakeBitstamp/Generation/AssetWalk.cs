namespace PortfolioSync.FakeBitstamp.Generation;

/// <summary>
/// One asset's USD walk in <see cref="PriceModel"/>: a triangle-wave anchor between <paramref name="Low"/> and
/// <paramref name="High"/> (bottom on day 0, top half a cycle later), daily volatility, hard bounds, volume range.
/// </summary>
internal sealed record AssetWalk(
    string Code, decimal Low, decimal High, decimal Volatility, decimal Floor, decimal Ceiling, decimal VolumeMin, decimal VolumeMax)
{
    public decimal Anchor(int day, int cycle)
    {
        var phase = day % cycle;
        var half = cycle / 2;
        var position = phase <= half ? phase / (decimal)half : (cycle - phase) / (decimal)half;
        return Low + ((High - Low) * position);
    }
}

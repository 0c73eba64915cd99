namespace PortfolioSync.FakeBitstamp.Catalog;

/// <summary>What the fake server says about a currency (<c>currencies/</c>, balances, withdrawal fees).</summary>
/// <param name="Code">Lower-case code as in record keys (<c>btc</c>).</param>
/// <param name="Decimals">Decimals shown in balances (more are shown when an amount needs them).</param>
/// <param name="WithdrawalType">The <c>type</c> number of a withdrawal request for this currency.</param>
public sealed record CurrencyInfo(
    string Code, string Name, bool IsFiat, int Decimals, string Network, decimal WithdrawalFee, int WithdrawalType)
{
    public string Upper => Code.ToUpperInvariant();
}

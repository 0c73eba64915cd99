namespace PortfolioSync.Domain.Ledger;

/// <summary>
/// One asset movement of an entry. <see cref="Quantity"/> is signed: positive entered the account, negative left it
/// (a buy of 0.5 BTC for 10,000 USD is +0.5 BTC and −10000 USD).
/// </summary>
public readonly record struct Leg(Asset Asset, decimal Quantity)
{
    public override string ToString() => $"{(Quantity >= 0 ? "+" : "")}{DecimalText.Format(Quantity)} {Asset}";
}

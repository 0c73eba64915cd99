namespace PortfolioSync.FakeBitstamp.Data;

/// <summary>A signed amount of one currency in a record: negative left the account, positive entered it.</summary>
/// <param name="Currency">Lower-case currency code as in Bitstamp's JSON keys (<c>btc</c>, <c>usd</c>).</param>
public readonly record struct CurrencyAmount(string Currency, decimal Amount);

using PortfolioSync.FakeBitstamp.Data;

namespace PortfolioSync.FakeBitstamp.Generation;

/// <summary>One generated account while the simulation runs: its role, markets, balances, staked amounts and records.</summary>
internal sealed class SimAccount(string name, AccountRole role, string[] markets, int weight, decimal feeRate)
{
    private readonly Dictionary<string, decimal> balances = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public AccountRole Role { get; } = role;

    /// <summary>Markets the account's bot trades (DCA: in rotation; grid: first one most often).</summary>
    public string[] Markets { get; } = markets;

    /// <summary>Relative share of the records.</summary>
    public int Weight { get; } = weight;

    /// <summary>Trading fee as a fraction of the quote amount.</summary>
    public decimal FeeRate { get; } = feeRate;

    public List<UserTransaction> Records { get; } = [];

    /// <summary>Amounts sent to staking (type 26) and not yet credited back (type 25), per currency.</summary>
    public Dictionary<string, decimal> Staked { get; } = new(StringComparer.Ordinal);

    /// <summary>Grid bot: base amounts bought and not yet sold back, per market, oldest first.</summary>
    public Dictionary<string, Queue<decimal>> OpenLots { get; } = new(StringComparer.Ordinal);

    /// <summary>DCA bot: number of buys so far (picks the next market in rotation).</summary>
    public int DcaCount { get; set; }

    public decimal Balance(string currency) => balances.GetValueOrDefault(currency);

    private void Check(string currency, UserTransaction record)
    {
        var value = balances[currency];
        if (value < 0) throw new InvalidOperationException($"Generator bug: {Name} would hold {value} {currency} after record {record.Id}.");
    }

    public decimal StakedOf(string currency) => Staked.GetValueOrDefault(currency);

    /// <summary>Adds a record and applies it with the server's own balance rule; a negative balance is a generator bug.</summary>
    public void Add(UserTransaction record)
    {
        Records.Add(record);
        TransactionHistory.Apply(record, balances);
        foreach (var a in record.Amounts) Check(a.Currency, record);
        if (record.FeeCurrency is { } feeCurrency) Check(feeCurrency, record);
    }
}

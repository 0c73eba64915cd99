using System.Globalization;
using PortfolioSync.FakeBitstamp.Catalog;
using PortfolioSync.FakeBitstamp.Data;

namespace PortfolioSync.FakeBitstamp.Generation;

/// <summary>
/// The operations of the simulation. Each one checks that the account can afford it, writes the record(s) and
/// applies them; a <c>Try…</c> that cannot happen writes nothing and returns false. Trade prices come from inside
/// the day's candle.
/// </summary>
internal sealed class Bookkeeper(PriceModel prices, RecordComposer composer, Random rng)
{
    private readonly List<CryptoTransaction> cryptoDeposits = [];
    private readonly List<CryptoTransaction> cryptoWithdrawals = [];
    private readonly JsonLine line = new();

    /// <summary>Day index of the records being written (selects the candle).</summary>
    public int Day { get; set; }

    public PriceModel Prices => prices;

    /// <summary>The main account's <c>crypto-transactions/</c> lists, newest first.</summary>
    public CryptoTransactionSet CryptoTransactions() =>
        new(cryptoDeposits.AsEnumerable().Reverse().ToArray(), cryptoWithdrawals.AsEnumerable().Reverse().ToArray(), []);

    public static int AmountDecimals(string currency) => KnownCurrencies.Get(currency).IsFiat ? 2 : 8;

    public static decimal RoundAmount(decimal value, string currency) =>
        Math.Round(value, AmountDecimals(currency), MidpointRounding.ToZero);

    public decimal Price(string symbol) => prices.PriceWithin(symbol, Day, rng);

    public long NewOrderId() => composer.NewOrderId();

    /// <summary>Buys (<paramref name="buy"/>) or sells <paramref name="baseAmount"/> at <paramref name="price"/>.</summary>
    public bool TryTrade(SimAccount account, string symbol, bool buy, decimal baseAmount, decimal price, DateTime at, bool fraction, long? orderId = null)
    {
        var info = prices.Info(symbol);
        var pair = info.Pair;
        baseAmount = Math.Round(baseAmount, 8, MidpointRounding.ToZero);
        var quoteDecimals = AmountDecimals(pair.Quote);
        var quote = Math.Round(baseAmount * price, quoteDecimals, MidpointRounding.AwayFromZero);
        var feeDecimals = quoteDecimals == 2 ? 5 : 8;
        var fee = Math.Round(quote * account.FeeRate, feeDecimals, MidpointRounding.AwayFromZero);
        if (baseAmount <= 0 || quote <= 0) return false;
        if (buy ? account.Balance(pair.Quote) < quote + fee : account.Balance(pair.Base) < baseAmount || quote <= fee) return false;
        account.Add(composer.Trade(at, fraction, pair, buy ? baseAmount : -baseAmount, quoteDecimals, buy ? -quote : quote,
            price, info.CounterDecimals, fee, feeDecimals, orderId ?? composer.NewOrderId()));
        return true;
    }

    /// <summary>Spends about <paramref name="spend"/> of the quote currency on the base currency.</summary>
    public bool TryBuyFor(SimAccount account, string symbol, decimal spend, DateTime at, bool fraction)
    {
        var price = Price(symbol);
        return TryTrade(account, symbol, buy: true, spend / price, price, at, fraction);
    }

    public void Deposit(SimAccount account, string currency, decimal amount, DateTime at, bool fraction, bool onChain = true) =>
        Deposit(account, currency, Fixed(amount, AmountDecimals(currency)), at, fraction, onChain);

    /// <summary>A deposit (type "0") with the amount written as given (e.g. eighteen decimals).</summary>
    public void Deposit(SimAccount account, string currency, string amountText, DateTime at, bool fraction, bool onChain)
    {
        var info = KnownCurrencies.Get(currency);
        var record = composer.Movement(at, fraction, "0", currency, amountText, Fixed(0m, AmountDecimals(currency)));
        account.Add(record);
        if (account.Role == AccountRole.Main && !info.IsFiat && onChain)
        {
            line.Begin().Number("id", 90_000_000 + cryptoDeposits.Count).String("currency", info.Upper).String("network", info.Network)
                .String("destinationAddress", SyntheticChain.Address(currency, account.Name))
                .String("txid", SyntheticChain.TransactionHash(currency, record.Id)).Raw("amount", amountText)
                .Number("datetime", BitstampDateTime.ToUnixSeconds(at)).String("status", "COMPLETED").End();
            cryptoDeposits.Add(new CryptoTransaction(BitstampDateTime.ToUnixSeconds(at), line.Written.ToArray()));
        }
    }

    /// <summary>A withdrawal (type "1") of <paramref name="amount"/> plus the currency's withdrawal fee.</summary>
    public bool TryWithdraw(SimAccount account, string currency, decimal amount, DateTime at, bool fraction)
    {
        var info = KnownCurrencies.Get(currency);
        var decimals = AmountDecimals(currency);
        amount = Math.Round(amount, decimals, MidpointRounding.ToZero);
        if (amount <= 0 || account.Balance(currency) < amount + info.WithdrawalFee) return false;
        var record = composer.Movement(at, fraction, "1", currency, Fixed(-amount, decimals), Fixed(info.WithdrawalFee, decimals));
        account.Add(record);
        if (account.Role == AccountRole.Main && !info.IsFiat)
        {
            line.Begin().String("currency", info.Upper).String("network", info.Network)
                .String("destinationAddress", SyntheticChain.Address(currency, "withdrawal:" + record.Id.ToString(CultureInfo.InvariantCulture)))
                .String("txid", SyntheticChain.TransactionHash(currency, record.Id)).Raw("amount", Fixed(amount, decimals))
                .Number("datetime", BitstampDateTime.ToUnixSeconds(at)).End();
            cryptoWithdrawals.Add(new CryptoTransaction(BitstampDateTime.ToUnixSeconds(at), line.Written.ToArray()));
        }

        return true;
    }

    /// <summary>A sub-account transfer (type "14"): negative on <paramref name="from"/>, positive on <paramref name="to"/>, same datetime.</summary>
    public bool TryTransfer(SimAccount from, SimAccount to, string currency, decimal amount, DateTime at, bool fraction)
    {
        var decimals = AmountDecimals(currency);
        amount = Math.Round(amount, decimals, MidpointRounding.ToZero);
        if (amount <= 0 || from.Balance(currency) < amount) return false;
        var fee = Fixed(0m, decimals);
        from.Add(composer.Movement(at, fraction, "14", currency, Fixed(-amount, decimals), fee));
        to.Add(composer.Movement(at, fraction, "14", currency, Fixed(amount, decimals), fee));
        return true;
    }

    /// <summary>Realistic mode: ETH comes back from staking as ETH2 and its rewards are ETH2R (bitstamp-api.md §9).</summary>
    public bool Realistic { get; init; }

    /// <summary>Staking: "26" sends to staking (leaves the balance), "25" credits staked assets back, "27" pays a reward.</summary>
    public bool TryStaking(SimAccount account, string type, string currency, decimal amount, DateTime at, bool fraction)
    {
        amount = Math.Round(amount, 8, MidpointRounding.ToZero);
        if (amount <= 0) return false;
        switch (type)
        {
            case "26" when account.Balance(currency) < amount:
            case "25" when account.StakedOf(currency) < amount:
                return false;
        }

        var signed = type == "26" ? -amount : amount;
        var credited = Realistic && currency == "eth" ? type switch { "25" => "eth2", "27" => "eth2r", _ => currency } : currency;
        account.Add(composer.Movement(at, fraction, type, credited, Fixed(signed, 8), Fixed(0m, 8)));
        if (type != "27") account.Staked[currency] = account.StakedOf(currency) - signed;
        return true;
    }

    /// <summary>Any other one-currency record (referral reward "32", an unknown code…), credited.</summary>
    public void Credit(SimAccount account, string type, string currency, string amountText, string feeText, DateTime at, bool fraction) =>
        account.Add(composer.Movement(at, fraction, type, currency, amountText, feeText));

    private static string Fixed(decimal value, int decimals) => RecordComposer.Fixed(value, decimals);
}

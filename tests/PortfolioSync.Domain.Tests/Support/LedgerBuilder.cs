using NodaTime;
using NodaTime.Text;
using PortfolioSync.Domain.Ledger;

namespace PortfolioSync.Domain.Tests.Support;

/// <summary>
/// Fluent ledgers for tests: <c>.Buy("1 BTC", on: "2024-01-05", cost: "30000 GBP")</c>. Times are UTC, default
/// 12:00; <c>at</c> takes <c>HH:mm</c>. Every entry gets the next external id, so ledger order follows call order
/// for entries at the same instant.
/// </summary>
public sealed class LedgerBuilder(string account = "main")
{
    private readonly List<LedgerEntry> _entries = [];
    private long _nextId = 1000;

    public LedgerBuilder Buy(string quantity, string on, string cost, string? fee = null, string at = "12:00", string? account = null) =>
        Add(EntryKind.Trade, on, at, account, fee, Leg(quantity), Neg(cost));

    public LedgerBuilder Sell(string quantity, string on, string proceeds, string? fee = null, string at = "12:00", string? account = null) =>
        Add(EntryKind.Trade, on, at, account, fee, Neg(quantity), Leg(proceeds));

    /// <summary>Crypto for crypto: gives <paramref name="give"/>, receives <paramref name="get"/>; <paramref name="quote"/>
    /// is the market's quote asset as the mapper sets it (<see cref="LedgerEntry.Quote"/>), none when null.</summary>
    public LedgerBuilder Swap(string give, string get, string on, string? fee = null, string at = "12:00", string? account = null,
        string? quote = null) =>
        Add(EntryKind.Trade, on, at, account, fee, quote is null ? null : Asset.Parse(quote), Neg(give), Leg(get));

    public LedgerBuilder Deposit(string quantity, string on, string at = "12:00", string? account = null, string? fee = null) =>
        Add(EntryKind.Deposit, on, at, account, fee, Leg(quantity));

    public LedgerBuilder Withdraw(string quantity, string on, string at = "12:00", string? account = null, string? fee = null) =>
        Add(EntryKind.Withdrawal, on, at, account, fee, Neg(quantity));

    public LedgerBuilder Income(string quantity, string on, EntryKind kind = EntryKind.StakingReward, string at = "12:00", string? account = null) =>
        Add(kind, on, at, account, null, Leg(quantity));

    /// <summary>Both sides of an internal transfer, at the same instant.</summary>
    public LedgerBuilder Transfer(string quantity, string from, string to, string on, string at = "12:00")
    {
        Add(EntryKind.InternalTransfer, on, at, from, null, Neg(quantity));
        return Add(EntryKind.InternalTransfer, on, at, to, null, Leg(quantity));
    }

    /// <summary>One side of an internal transfer only (negative quantity = out).</summary>
    public LedgerBuilder TransferSide(string signedQuantity, string on, string at = "12:00", string? account = null) =>
        Add(EntryKind.InternalTransfer, on, at, account, null, Leg(signedQuantity));

    public LedgerBuilder Fee(string quantity, string on, string at = "12:00", string? account = null) =>
        Add(EntryKind.Fee, on, at, account, quantity);

    public LedgerBuilder Lock(string quantity, string on, string at = "12:00", string? account = null) =>
        Add(EntryKind.StakingLock, on, at, account, null, Neg(quantity));

    public LedgerBuilder Unlock(string quantity, string on, string at = "12:00", string? account = null) =>
        Add(EntryKind.StakingUnlock, on, at, account, null, Leg(quantity));

    public LedgerBuilder Unknown(string on, string at = "12:00", string? account = null) =>
        Add(EntryKind.Unknown, on, at, account, null);

    public IReadOnlyList<LedgerEntry> Build() => _entries.ToList();

    public static Instant Instant(string on, string at = "12:00") =>
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm").Parse($"{on} {at}").Value.InUtc().ToInstant();

    public static LocalDate Date(string iso) => LocalDatePattern.Iso.Parse(iso).Value;

    private static Leg Leg(string money)
    {
        var m = Money.Parse(money);
        return new Leg(m.Asset, m.Amount);
    }

    private static Leg Neg(string money)
    {
        var leg = Leg(money);
        return leg with { Quantity = -leg.Quantity };
    }

    private LedgerBuilder Add(EntryKind kind, string on, string at, string? account, string? fee, params Leg[] legs) =>
        Add(kind, on, at, account, fee, null, legs);

    private LedgerBuilder Add(EntryKind kind, string on, string at, string? account, string? fee, Asset? quote, params Leg[] legs)
    {
        var acct = account ?? DefaultAccount;
        var id = _nextId++;
        _entries.Add(new LedgerEntry(LedgerEntry.BitstampId(acct, id), acct, Instant(on, at), kind, legs,
            fee is null ? null : Money.Parse(fee), id, kind == EntryKind.Trade ? id : null, $"{acct}/user_transactions/{id}", quote));
        return this;
    }

    private string DefaultAccount { get; } = account;
}


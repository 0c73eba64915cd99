using System.Globalization;
using PortfolioSync.Bitstamp.Records;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Warnings;

namespace PortfolioSync.Bitstamp.Mapping;

/// <summary>
/// Maps one parsed <c>user_transactions</c> row to a <see cref="LedgerEntry"/>. A pure function of the row and the
/// account name: no clock, no I/O, never throws for content, never drops a row.
/// </summary>
/// <remarks>
/// Legs are the row's non-zero currency keys, signed as Bitstamp signs them (negative left the account); the fee is
/// not netted into them. The fee is in the quote currency for trades (the quote of the row's pair key, else the
/// fiat leg, else the second leg) and in the moved currency otherwise. A zero fee is <c>null</c>. A trade's
/// <see cref="LedgerEntry.Quote"/> is that same quote currency, fee or none.
/// <list type="table">
/// <listheader><term>type</term><description>kind</description></listheader>
/// <item><term>0 deposit</term><description>Deposit</description></item>
/// <item><term>1 withdrawal</term><description>Withdrawal</description></item>
/// <item><term>2 market trade</term><description>Trade (with order id)</description></item>
/// <item><term>14 sub-account transfer</term><description>InternalTransfer</description></item>
/// <item><term>25 credited with staked assets</term><description>StakingUnlock</description></item>
/// <item><term>26 sent to staking</term><description>StakingLock</description></item>
/// <item><term>27 staking reward</term><description>StakingReward</description></item>
/// <item><term>32 referral reward</term><description>ReferralReward</description></item>
/// <item><term>33 settlement transfer</term><description>InternalTransfer</description></item>
/// <item><term>35 inter-account transfer</term><description>InternalTransfer</description></item>
/// <item><term>36 instant conversion</term><description>Trade (order id dropped: Bitstamp sends none)</description></item>
/// <item><term>53 small-balance conversion</term><description>Trade</description></item>
/// <item><term>55 small balance to nothing</term><description>WriteOff (the dust leaves for nothing: a disposal for nil proceeds)</description></item>
/// <item><term>58 derivatives settlement</term><description>DerivativesSettlement (signed; never income)</description></item>
/// <item><term>59 insurance fund claim</term><description>OtherIncome</description></item>
/// <item><term>60 insurance fund premium</term><description>Fee</description></item>
/// <item><term>61 collateral liquidation</term><description>Trade when two legs of opposite sign, else Fee / OtherIncome by sign</description></item>
/// <item><term>any other</term><description>Unknown, no legs, warning unknown-record (raw kept by the store)</description></item>
/// </list>
/// </remarks>
public static class LedgerMapper
{
    /// <summary>The stream name in source keys.</summary>
    public const string Stream = "user_transactions";

    /// <summary>Maps <paramref name="record"/> of <paramref name="account"/>.</summary>
    public static LedgerMapping Map(string account, UserTransaction record)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(account);
        ArgumentNullException.ThrowIfNull(record);
        var id = LedgerEntry.BitstampId(account, record.Id);
        var sourceKey = SourceKey(account, record.Id);
        var legs = record.Amounts.Select(a => new Leg(a.Asset, a.Amount)).ToArray();

        if (KindOf(record, legs) is not { } kind)
            return Unknown(account, record, id, sourceKey, $"type {record.TypeCode} is not a known user_transactions type");
        var isTrade = kind == EntryKind.Trade;
        Asset? feeAsset = legs.Length == 0 ? QuoteOfRates(record) : isTrade ? QuoteOf(record, legs) : legs[0].Asset;
        if (record.Fee != 0m && feeAsset is null)
            return Unknown(account, record, id, sourceKey, $"type {record.TypeCode} has a fee but no currency to charge it in");
        if (legs.Length == 0 && record.Fee == 0m)
            return Unknown(account, record, id, sourceKey, $"type {record.TypeCode} moves nothing (no non-zero currency key)");
        Money? fee = record.Fee == 0m ? null : new Money(record.Fee, feeAsset!.Value);
        long? orderId = record.Type == TransactionType.InstantConversion ? null : record.OrderId;
        var entry = new LedgerEntry(id, account, record.At, kind, legs, fee, record.Id, orderId, sourceKey, isTrade ? feeAsset : null);
        return new LedgerMapping(entry, null);
    }

    /// <summary>The warning for a record that could not be parsed (the store keeps it raw).</summary>
    public static Warning Malformed(string account, MalformedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var key = record.Id is { } id ? SourceKey(account, id) : null;
        return new Warning(WarningCode.MalformedRecord, Severity.Error, account, key,
            $"account '{account}': user_transactions {record}; kept raw, not in the ledger");
    }

    /// <summary><c>{account}/user_transactions/{id}</c>.</summary>
    public static string SourceKey(string account, long id) =>
        string.Create(CultureInfo.InvariantCulture, $"{account}/{Stream}/{id}");

    private static EntryKind? KindOf(UserTransaction record, Leg[] legs) => record.Type switch
    {
        TransactionType.Deposit => EntryKind.Deposit,
        TransactionType.Withdrawal => EntryKind.Withdrawal,
        TransactionType.MarketTrade or TransactionType.InstantConversion or TransactionType.SmallBalanceConversion => EntryKind.Trade,
        TransactionType.SubAccountTransfer or TransactionType.SettlementTransfer or TransactionType.InterAccountTransfer => EntryKind.InternalTransfer,
        TransactionType.CreditedWithStakedAssets => EntryKind.StakingUnlock,
        TransactionType.SentToStaking => EntryKind.StakingLock,
        TransactionType.StakingReward => EntryKind.StakingReward,
        TransactionType.ReferralReward => EntryKind.ReferralReward,
        TransactionType.SmallBalanceToNothing => EntryKind.WriteOff,
        TransactionType.InsuranceFundPremium => EntryKind.Fee,
        TransactionType.InsuranceFundClaim => EntryKind.OtherIncome,
        TransactionType.DerivativesSettlement => EntryKind.DerivativesSettlement,
        TransactionType.CollateralLiquidation =>
            legs.Length == 2 && Math.Sign(legs[0].Quantity) == -Math.Sign(legs[1].Quantity) ? EntryKind.Trade : BySign(legs),
        _ => null,
    };

    private static EntryKind BySign(Leg[] legs) => legs.Sum(l => l.Quantity) >= 0m ? EntryKind.OtherIncome : EntryKind.Fee;

    // Quote of a trade: the pair key naming two of its legs; else its fiat leg; else its second leg.
    private static Asset? QuoteOf(UserTransaction record, Leg[] legs)
    {
        foreach (var rate in record.Rates)
            if (legs.Any(l => l.Asset == rate.Base) && legs.Any(l => l.Asset == rate.Quote)) return rate.Quote;
        foreach (var leg in legs)
            if (Asset.DefaultFiat.Contains(leg.Asset)) return leg.Asset;
        return legs.Length >= 2 ? legs[1].Asset : legs.Length == 1 ? legs[0].Asset : QuoteOfRates(record);
    }

    private static Asset? QuoteOfRates(UserTransaction record) => record.Rates.Count > 0 ? record.Rates[0].Quote : null;

    private static LedgerMapping Unknown(string account, UserTransaction record, string id, string sourceKey, string why)
    {
        var entry = new LedgerEntry(id, account, record.At, EntryKind.Unknown, [], null, record.Id, record.OrderId, sourceKey);
        var warning = new Warning(WarningCode.UnknownRecord, Severity.Warning, account, id,
            string.Create(CultureInfo.InvariantCulture,
                $"account '{account}': user_transactions record {record.Id} (type {record.TypeCode}): {why}; kept raw as Unknown"));
        return new LedgerMapping(entry, warning);
    }
}

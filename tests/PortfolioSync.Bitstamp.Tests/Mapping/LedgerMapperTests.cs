using PortfolioSync.Bitstamp.Json;
using PortfolioSync.Bitstamp.Mapping;
using PortfolioSync.Bitstamp.Records;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Warnings;

namespace PortfolioSync.Bitstamp.Tests.Mapping;

public sealed class LedgerMapperTests
{
    private static LedgerMapping Map(string fields, string account = "main")
    {
        var raw = "{\"id\":42,\"datetime\":\"2024-05-02 10:11:12.000000\"," + fields + "}";
        var parsed = UserTransactionParser.Parse(raw);
        parsed.Malformed.Should().BeNull(parsed.Malformed?.ToString());
        return LedgerMapper.Map(account, parsed.Value!);
    }

    private static Leg L(string money) { var m = Money.Parse(money); return new Leg(m.Asset, m.Amount); }

    public static TheoryData<string, EntryKind, string[], string?> Table => new()
    {
        { "\"type\":\"0\",\"fee\":\"0.0001\",\"btc\":\"0.5\",\"usd\":0.0,\"btc_usd\":\"0.00\"", EntryKind.Deposit, ["0.5 BTC"], "0.0001 BTC" },
        { "\"type\":\"1\",\"fee\":\"0.0005\",\"btc\":\"-1\",\"usd\":\"0.00\",\"btc_usd\":\"0.00\"", EntryKind.Withdrawal, ["-1 BTC"], "0.0005 BTC" },
        { "\"type\":\"2\",\"fee\":\"0.12\",\"btc\":\"-0.01\",\"usd\":\"640.00\",\"btc_usd\":64000,\"order_id\":7", EntryKind.Trade, ["-0.01 BTC", "640 USD"], "0.12 USD" },
        { "\"type\":\"14\",\"fee\":\"0\",\"eur\":\"-100\"", EntryKind.InternalTransfer, ["-100 EUR"], null },
        { "\"type\":\"25\",\"fee\":\"0\",\"eth\":\"2\"", EntryKind.StakingUnlock, ["2 ETH"], null },
        { "\"type\":\"26\",\"fee\":\"0\",\"eth\":\"-2\"", EntryKind.StakingLock, ["-2 ETH"], null },
        { "\"type\":\"27\",\"fee\":\"0\",\"eth\":\"0.001\"", EntryKind.StakingReward, ["0.001 ETH"], null },
        { "\"type\":\"32\",\"fee\":\"0\",\"usd\":\"10\"", EntryKind.ReferralReward, ["10 USD"], null },
        { "\"type\":\"33\",\"fee\":\"0\",\"usd\":\"-5\"", EntryKind.InternalTransfer, ["-5 USD"], null },
        { "\"type\":\"35\",\"fee\":\"0\",\"btc\":\"0.1\"", EntryKind.InternalTransfer, ["0.1 BTC"], null },
        { "\"type\":\"36\",\"eur\":\"-5.00\",\"usdc\":\"5.810770\",\"usdc_eur\":0.86047,\"fee\":\"0.000000\",\"order_id\":9", EntryKind.Trade, ["-5 EUR", "5.81077 USDC"], null },
        { "\"type\":\"53\",\"fee\":\"0\",\"xrp\":\"-0.3\",\"btc\":\"0.0000001\"", EntryKind.Trade, ["-0.3 XRP", "0.0000001 BTC"], null },
        { "\"type\":\"55\",\"fee\":\"0\",\"xrp\":\"-0.01\"", EntryKind.WriteOff, ["-0.01 XRP"], null },
        { "\"type\":\"58\",\"fee\":\"0\",\"usd\":\"12.5\"", EntryKind.DerivativesSettlement, ["12.5 USD"], null },
        { "\"type\":\"58\",\"fee\":\"0\",\"usd\":\"-3\"", EntryKind.DerivativesSettlement, ["-3 USD"], null },
        { "\"type\":\"59\",\"fee\":\"0\",\"usd\":\"50\"", EntryKind.OtherIncome, ["50 USD"], null },
        { "\"type\":\"60\",\"fee\":\"0\",\"usd\":\"-1\"", EntryKind.Fee, ["-1 USD"], null },
        { "\"type\":\"61\",\"fee\":\"1\",\"btc\":\"-0.1\",\"usd\":\"6000\",\"btc_usd\":\"60000\"", EntryKind.Trade, ["-0.1 BTC", "6000 USD"], "1 USD" },
        { "\"type\":\"61\",\"fee\":\"0\",\"btc\":\"-0.1\"", EntryKind.Fee, ["-0.1 BTC"], null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_type_code_maps_to_its_kind_legs_and_fee(string fields, EntryKind kind, string[] legs, string? fee)
    {
        var mapping = Map(fields);

        mapping.Warning.Should().BeNull();
        mapping.Entry.Kind.Should().Be(kind);
        mapping.Entry.Legs.Should().Equal(legs.Select(L));
        mapping.Entry.Fee.Should().Be(fee is null ? null : Money.Parse(fee));
    }

    [Theory]
    [InlineData("\"type\":\"2\",\"fee\":\"0\",\"btc\":\"-0.05\",\"eth\":\"1.0\",\"eth_btc\":\"0.05\",\"order_id\":3", "BTC")]
    [InlineData("\"type\":\"2\",\"fee\":\"0\",\"newusd\":\"-2500\",\"eth\":\"1\",\"eth_newusd\":\"2500\",\"order_id\":3", "NEWUSD")]
    [InlineData("\"type\":\"36\",\"fee\":\"0\",\"eur\":\"-5.00\",\"usdc\":\"5.81\"", "EUR")]
    [InlineData("\"type\":\"53\",\"fee\":\"0\",\"xrp\":\"-0.3\",\"btc\":\"0.0000001\"", "BTC")]
    public void A_trade_carries_the_quote_of_its_pair_key_else_its_fiat_leg_else_its_second_leg(string fields, string quote)
    {
        // The first two name the quote's leg first in the record: the pair key decides, not the order of the keys.
        var entry = Map(fields).Entry;

        entry.Kind.Should().Be(EntryKind.Trade);
        entry.Quote.Should().Be(Asset.Parse(quote));
    }

    [Fact]
    public void A_trades_quote_is_the_asset_its_fee_is_charged_in_and_other_kinds_have_none()
    {
        var trade = Map("\"type\":\"2\",\"fee\":\"0.00001\",\"btc\":\"-0.05\",\"eth\":\"1.0\",\"eth_btc\":\"0.05\",\"order_id\":3").Entry;
        var deposit = Map("\"type\":\"0\",\"fee\":\"0.0001\",\"btc\":\"0.5\"").Entry;

        trade.Quote.Should().Be(Asset.Btc);
        trade.Fee.Should().Be(new Money(0.00001m, Asset.Btc));
        deposit.Quote.Should().BeNull();
    }

    [Fact]
    public void Identity_source_key_time_and_order_id_come_from_the_record()
    {
        var entry = Map("\"type\":\"2\",\"fee\":\"0.12\",\"btc\":\"-0.01\",\"usd\":\"640.00\",\"btc_usd\":64000,\"order_id\":1700000000000001", "dca-bot").Entry;

        entry.Id.Should().Be("bitstamp:dca-bot:42");
        entry.SourceKey.Should().Be("dca-bot/user_transactions/42");
        entry.Account.Should().Be("dca-bot");
        entry.ExternalId.Should().Be(42);
        entry.OrderId.Should().Be(1700000000000001);
        entry.At.Should().Be(NodaTime.Instant.FromUtc(2024, 5, 2, 10, 11, 12));
    }

    [Fact]
    public void An_instant_conversion_has_no_order_id_and_its_fee_in_the_quote_of_its_pair()
    {
        var entry = Map("\"type\":\"36\",\"eur\":\"-10.00\",\"usdc\":\"11.000000\",\"usdc_eur\":0.90909,\"fee\":\"0.05\",\"order_id\":5").Entry;

        entry.OrderId.Should().BeNull();
        entry.Fee.Should().Be(Money.Parse("0.05 EUR"));
    }

    [Fact]
    public void A_buy_and_a_sell_are_told_apart_by_the_sign_of_the_base_leg_and_the_fee_is_not_netted()
    {
        var buy = Map("\"type\":2,\"btc\":\"0.00060000\",\"usd\":\"0\",\"btc_eur\":\"8364.0\",\"eur\":\"-5.02\",\"fee\":\"0.02\"").Entry;

        buy.NetChange(Asset.Btc).Should().Be(0.0006m);
        buy.NetChange(Asset.Eur).Should().Be(-5.04m);
        buy.Legs.Should().Contain(new Leg(Asset.Eur, -5.02m));
        buy.Fee.Should().Be(Money.Parse("0.02 EUR"));
    }

    [Fact]
    public void A_crypto_to_crypto_trade_charges_its_fee_in_the_quote_of_its_pair_key()
    {
        var entry = Map("\"type\":\"2\",\"fee\":\"0.00001\",\"eth\":\"1\",\"btc\":\"-0.05\",\"eth_btc\":\"0.05\",\"btc_usd\":\"0.00\"").Entry;

        entry.Fee.Should().Be(Money.Parse("0.00001 BTC"));
    }

    [Fact]
    public void An_unknown_type_becomes_Unknown_with_no_legs_and_a_warning_naming_account_id_and_type()
    {
        var mapping = Map("\"type\":\"77\",\"fee\":\"0\",\"btc\":\"1\"", "grid-bot");

        mapping.Entry.Kind.Should().Be(EntryKind.Unknown);
        mapping.Entry.Legs.Should().BeEmpty();
        mapping.Entry.SourceKey.Should().Be("grid-bot/user_transactions/42");
        mapping.Warning!.Code.Should().Be(WarningCode.UnknownRecord);
        mapping.Warning.Account.Should().Be("grid-bot");
        mapping.Warning.Message.Should().Contain("grid-bot").And.Contain("42").And.Contain("type 77");
    }

    [Fact]
    public void A_known_type_that_moves_nothing_is_kept_as_Unknown_with_a_warning_not_dropped()
    {
        var mapping = Map("\"type\":\"0\",\"fee\":\"0\",\"btc\":\"0.0\"");

        mapping.Entry.Kind.Should().Be(EntryKind.Unknown);
        mapping.Warning!.Code.Should().Be(WarningCode.UnknownRecord);
    }

    [Fact]
    public void A_malformed_record_gives_a_warning_with_its_source_key()
    {
        var malformed = UserTransactionParser.Parse("""{"id":8,"datetime":"bad","type":"2","fee":"0"}""").Malformed!;

        var warning = LedgerMapper.Malformed("main", malformed);

        warning.Code.Should().Be(WarningCode.MalformedRecord);
        warning.EntryId.Should().Be("main/user_transactions/8");
        warning.Message.Should().Contain("datetime");
    }

    [Fact]
    public void Every_known_type_code_is_covered_by_the_mapping_table()
    {
        var covered = Table.Select(row => (string)row[0]).Select(f => UserTransactionParser.Parse("{\"id\":1,\"datetime\":\"2024-01-01 00:00:00\"," + f + "}").Value!.TypeCode).ToHashSet();

        covered.Should().BeEquivalentTo(Enum.GetValues<TransactionType>().Select(t => (int)t));
    }
}

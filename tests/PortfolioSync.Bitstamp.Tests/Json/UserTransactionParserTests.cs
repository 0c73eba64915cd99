using NodaTime;
using PortfolioSync.Bitstamp.Json;
using PortfolioSync.Bitstamp.Records;
using PortfolioSync.Domain;

namespace PortfolioSync.Bitstamp.Tests.Json;

public sealed class UserTransactionParserTests
{
    private static UserTransaction Ok(string raw)
    {
        var record = UserTransactionParser.Parse(raw);
        record.Malformed.Should().BeNull(record.Malformed?.ToString());
        record.RawJson.Should().BeSameAs(raw);
        return record.Value!;
    }

    private static MalformedRecord Bad(string raw)
    {
        var record = UserTransactionParser.Parse(raw);
        record.Value.Should().BeNull();
        record.RawJson.Should().Be(raw);
        return record.Malformed!;
    }

    [Fact]
    public void A_trade_with_string_amounts_a_numeric_rate_and_zero_keys_of_every_spelling()
    {
        var tx = Ok("""{"id":90001,"datetime":"2024-05-02 10:11:12.123456","type":"2","fee":"0.12000","btc":"-0.01000000","usd":"640.00","btc_usd":64000,"eur":0.0,"gbp":0,"xrp":"0.0","order_id":1700000000000001}""");

        tx.Id.Should().Be(90001);
        tx.At.Should().Be(Instant.FromUtc(2024, 5, 2, 10, 11, 12) + Duration.FromTicks(1_234_560));
        tx.Type.Should().Be(TransactionType.MarketTrade);
        tx.Fee.Should().Be(0.12m);
        tx.OrderId.Should().Be(1700000000000001);
        tx.Amounts.Should().Equal(new CurrencyAmount(Asset.Btc, -0.01m), new CurrencyAmount(Asset.Usd, 640m));
        tx.Rates.Should().Equal(new PairRate(Asset.Btc, Asset.Usd, 64000m));
    }

    [Fact]
    public void A_withdrawal_with_a_stale_zero_pair_key_takes_its_currency_from_the_non_zero_key()
    {
        var tx = Ok("""{"id":5,"datetime":"2019-01-01 00:00:00","type":1,"fee":"0.0005","btc":"-1.00000000","usd":"0.00","btc_usd":"0.00"}""");

        tx.Amounts.Should().Equal(new CurrencyAmount(Asset.Btc, -1m));
        tx.Rates.Should().BeEmpty();
        tx.Type.Should().Be(TransactionType.Withdrawal);
    }

    [Fact]
    public void Datetime_without_fraction_and_type_and_ids_as_numbers_or_strings()
    {
        var a = Ok("""{"id":"77","datetime":"2018-09-08 09:00:31","type":0,"fee":0,"eth":1.5}""");
        var b = Ok("""{"id":77,"datetime":"2018-09-08 09:00:31.000000","type":"0","fee":"0.0","eth":"1.5"}""");

        a.Should().Be(b);
        a.At.Should().Be(Instant.FromUtc(2018, 9, 8, 9, 0, 31));
    }

    [Fact]
    public void Eighteen_decimals_and_unknown_currencies_are_kept_exactly()
    {
        var tx = Ok("""{"id":1,"datetime":"2024-01-01 00:00:00","type":"27","fee":"0","flr":"0.123456789012345678","newcoin2":"5"}""");

        tx.Amounts.Should().Equal(new CurrencyAmount(Asset.Parse("FLR"), 0.123456789012345678m), new CurrencyAmount(Asset.Parse("NEWCOIN2"), 5m));
    }

    [Fact]
    public void The_RK_row_reads_as_a_buy_of_btc_for_eur()
    {
        var tx = Ok("""{"btc":"0.00060000","usd":"0","btc_eur":"8364.0","eur":"-5.02","fee":"0.02","type":2,"datetime":"2019-04-16 08:09:05.149343","id":1}""");

        tx.Amounts.Should().Equal(new CurrencyAmount(Asset.Btc, 0.0006m), new CurrencyAmount(Asset.Eur, -5.02m));
        tx.Rates.Should().Equal(new PairRate(Asset.Btc, Asset.Eur, 8364m));
        tx.At.ToUnixTimeSeconds().Should().Be(1555402145);
        tx.OrderId.Should().BeNull();
    }

    [Fact]
    public void Unknown_type_codes_are_read_not_refused()
    {
        var tx = Ok("""{"id":9,"datetime":"2024-01-01 00:00:00","type":"999","fee":"0","btc":"1"}""");

        tx.TypeCode.Should().Be(999);
        tx.Type.Should().BeNull();
    }

    [Theory]
    [InlineData("""{"id":1,"datetime":"2024-01-01 00:00:00","type":"2","fee":"abc","btc":"1"}""", "fee", "")]
    [InlineData("""{"id":1,"datetime":"2024-01-01 00:00:00","type":"2","fee":"-1","btc":"1"}""", "fee", "negative")]
    [InlineData("""{"id":1,"datetime":"2024-01-01T00:00:00Z","type":"2","fee":"0","btc":"1"}""", "datetime", "")]
    [InlineData("""{"id":1,"datetime":"2024-01-01 00:00:00.123","type":"2","fee":"0","btc":"1"}""", "datetime", "6 fraction")]
    [InlineData("""{"id":1,"datetime":"2024-02-30 00:00:00","type":"2","fee":"0","btc":"1"}""", "datetime", "")]
    [InlineData("""{"id":1,"type":"2","fee":"0","btc":"1"}""", "datetime", "missing")]
    [InlineData("""{"id":1,"datetime":"2024-01-01 00:00:00","fee":"0","btc":"1"}""", "type", "missing")]
    [InlineData("""{"id":1,"datetime":"2024-01-01 00:00:00","type":"x","fee":"0","btc":"1"}""", "type", "")]
    [InlineData("""{"id":1,"datetime":"2024-01-01 00:00:00","type":"2","fee":"0","btc":"0.1234567890123456789"}""", "btc", "19 decimals")]
    [InlineData("""{"id":1,"datetime":"2024-01-01 00:00:00","type":"2","fee":"0","btc":"1,5"}""", "btc", "")]
    [InlineData("""{"id":1,"datetime":"2024-01-01 00:00:00","type":"2","fee":"0","btc":"1e"}""", "btc", "exponent")]
    [InlineData("""{"id":1,"datetime":"2024-01-01 00:00:00","type":"2","fee":"0","btc":"1e-40"}""", "btc", "")]
    public void A_bad_field_makes_the_record_malformed_with_its_id_field_and_problem(string raw, string field, string problem)
    {
        var bad = Bad(raw);

        bad.Id.Should().Be(1);
        bad.Field.Should().Be(field);
        bad.Problem.Should().NotBeNullOrWhiteSpace();
        if (problem.Length > 0) bad.Problem.Should().Contain(problem);
    }

    [Theory]
    [InlineData("""[1,2]""", "(record)")]
    [InlineData("""{"id":"x1","datetime":"2024-01-01 00:00:00","type":"2","fee":"0"}""", "id")]
    [InlineData("""{"id":-1,"datetime":"2024-01-01 00:00:00","type":"2","fee":"0"}""", "id")]
    [InlineData("""{"id":1.5,"datetime":"2024-01-01 00:00:00","type":"2","fee":"0"}""", "id")]
    public void A_record_without_a_readable_id_is_still_kept(string raw, string field)
    {
        var bad = Bad(raw);

        bad.Id.Should().BeNull();
        bad.Field.Should().Be(field);
    }

    [Fact]
    public void Non_numeric_extra_fields_are_ignored_but_kept_in_the_raw_text()
    {
        var raw = """{"id":3,"datetime":"2024-01-01 00:00:00","type":"2","fee":"0","btc":"1","usd":"-2","self_trade":false,"market":"btcusd","client_order_id":"abc","meta":{"x":1},"BTC":"junk"}""";

        var tx = Ok(raw);

        tx.Amounts.Should().HaveCount(2);
    }
}

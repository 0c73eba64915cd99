using PortfolioSync.Bitstamp.Json;
using PortfolioSync.Bitstamp.Mapping;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Ledger;

namespace PortfolioSync.Bitstamp.Tests.Json;

/// <summary>What the real exchange sends (bitstamp-api.md §9) and our own fake server never did before.</summary>
public sealed class RealWorldFormsTests
{
    [Theory]
    [InlineData("8.494e-05", "0.00008494")]
    [InlineData("8.494E-05", "0.00008494")]
    [InlineData("1e-8", "0.00000001")]
    [InlineData("-2.5e+3", "-2500")]
    [InlineData("1.23456789e2", "123.456789")]
    [InlineData("0e0", "0")]
    [InlineData("0", "0")]
    [InlineData("0.0", "0")]
    [InlineData("12.50", "12.50")]
    public void Exponent_notation_and_every_zero_convert_exactly_to_decimal(string text, string expected)
    {
        ApiNumber.TryParse(text, out var value, out var problem).Should().BeTrue(problem);
        value.Should().Be(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
        if (text.Contains('e', StringComparison.OrdinalIgnoreCase) && value != 0m)
            value.ToString(System.Globalization.CultureInfo.InvariantCulture).Should().Be(expected, "the digits come from the text, never from a double");
    }

    [Theory]
    [InlineData("1e")]
    [InlineData("e5")]
    [InlineData("1e-40")]
    [InlineData("1.5e99")]
    [InlineData("NaN")]
    [InlineData("1,5")]
    public void Numbers_that_are_not_numbers_are_still_refused(string text) =>
        ApiNumber.TryParse(text, out _, out _).Should().BeFalse();

    [Fact]
    public void User_typed_input_keeps_the_strict_grammar() =>
        DecimalText.TryParse("8.494e-05", out _, out var problem).Should().BeFalse(problem);

    [Fact]
    public void A_rate_in_exponent_notation_as_a_JSON_number_and_as_a_string()
    {
        var number = Parse("""{"id":5,"datetime":"2024-01-01 00:00:00.000000","type":"2","fee":"0.00000001","xrp":"100.0","btc":"-0.008494","xrp_btc":8.494e-05,"usd":0,"eur":0.0}""");
        var text = Parse("""{"id":5,"datetime":"2024-01-01 00:00:00.000000","type":"2","fee":"1e-8","xrp":"100.0","btc":"-8.494e-03","xrp_btc":"8.494e-05","usd":"0.0","eur":"0"}""");

        number.Rates.Single().Rate.Should().Be(0.00008494m);
        text.Rates.Single().Rate.Should().Be(0.00008494m);
        text.Fee.Should().Be(0.00000001m);
        text.Amounts.Should().Equal(number.Amounts);
    }

    [Theory]
    [InlineData("\"None\"")]
    [InlineData("\"\"")]
    [InlineData("null")]
    public void None_empty_and_null_read_as_zero_in_the_fee_and_in_amounts(string none)
    {
        var tx = Parse($$"""{"id":7,"datetime":"2019-03-01 10:00:00","type":"0","fee":{{none}},"eth":"1.5","usd":{{none}},"btc_usd":{{none}}}""");

        tx.Fee.Should().Be(0m);
        tx.Amounts.Should().ContainSingle().Which.Should().Be(new Records.CurrencyAmount(Asset.Parse("eth"), 1.5m));
        tx.Rates.Should().BeEmpty();
    }

    [Fact]
    public void Derivatives_fields_and_non_numeric_underscore_keys_are_not_pair_rates_and_never_drop_the_row()
    {
        const string raw = """{"id":8,"datetime":"2024-06-01 12:00:00.000001","type":2,"fee":"0.5","btc":"0.001","usd":"-65.00","btc_usd":"65000","margin_mode":"ISOLATED","leverage_rate":"10","position_status":"open_long","order_side":"buy","extra":{"a":1},"list":[1,2]}""";
        var tx = Parse(raw);

        tx.TypeCode.Should().Be(2);
        tx.Rates.Should().ContainSingle().Which.Should().Be(new Records.PairRate(Asset.Parse("btc"), Asset.Parse("usd"), 65000m));
        tx.Amounts.Should().HaveCount(2);
        var entry = LedgerMapper.Map("main", tx).Entry;
        entry.Kind.Should().Be(EntryKind.Trade);
        entry.Fee!.Value.Asset.Should().Be(Asset.Parse("usd"));
    }

    [Fact]
    public void An_odd_rate_value_is_ignored_and_the_row_kept()
    {
        var tx = Parse("""{"id":9,"datetime":"2024-06-01 12:00:00","type":"1","fee":"0.0001","btc":"-0.5","btc_usd":"None","eth_eur":"n/a"}""");

        tx.Rates.Should().BeEmpty();
        tx.Amounts.Should().ContainSingle();
    }

    private static Records.UserTransaction Parse(string raw)
    {
        var record = UserTransactionParser.Parse(raw);
        record.Malformed.Should().BeNull(record.Malformed?.ToString());
        return record.Value!;
    }
}

public sealed class CanonicalRecordTests
{
    [Theory]
    [InlineData("""{"id":1,"type":"2","fee":"0.0","usd":"-5.00","btc":"0.001","eur":"0.0","btc_usd":"5000"}""",
                """{"btc_usd":5000,"btc":"0.00100","usd":-5,"type":2,"id":"1","fee":0}""")]
    [InlineData("""{"id":1,"datetime":"2024-01-01 10:00:00","fee":"None","xrp_btc":"0.00008494"}""",
                """{"id":1,"datetime":"2024-01-01 10:00:00.000000","fee":"","xrp_btc":8.494e-05,"gbp":null}""")]
    public void Re_serialized_records_have_the_same_content(string a, string b) =>
        CanonicalRecord.SameContent(a, b).Should().BeTrue();

    [Theory]
    [InlineData("""{"id":1,"fee":"0.30"}""", """{"id":1,"fee":"0.31"}""")]
    [InlineData("""{"id":1,"btc":"1"}""", """{"id":1,"eth":"1"}""")]
    [InlineData("""{"id":1,"datetime":"2024-01-01 10:00:00"}""", """{"id":1,"datetime":"2024-01-01 10:00:01"}""")]
    [InlineData("""{"id":1,"status":"open"}""", """{"id":1,"status":"done"}""")]
    public void A_real_change_is_a_change(string a, string b) =>
        CanonicalRecord.SameContent(a, b).Should().BeFalse();
}

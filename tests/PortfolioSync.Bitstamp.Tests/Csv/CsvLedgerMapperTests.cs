using NodaTime;
using PortfolioSync.Bitstamp.Csv;
using PortfolioSync.Bitstamp.Json;
using PortfolioSync.Bitstamp.Mapping;
using PortfolioSync.Domain;
using PortfolioSync.Domain.Ledger;
using PortfolioSync.Domain.Warnings;

namespace PortfolioSync.Bitstamp.Tests.Csv;

public sealed class CsvLedgerMapperTests
{
    private const string RfcHeader = "ID,Account,Type,Subtype,Datetime,Amount,Amount currency,Value,Value currency,Rate,Rate currency,Fee,Fee currency,Order ID";
    private const string OldHeader = "Type,Datetime,Account,Amount,Value,Rate,Fee,Sub Type";
    private const string Stream = "csv:export.csv";

    private static LedgerEntry MapRfc(string row) => MapRfcWithWarning(row).Entry;

    private static LedgerMapping MapRfcWithWarning(string row)
    {
        var export = BitstampCsvReader.Read("export.csv", RfcHeader + "\n" + row + "\n");
        return CsvLedgerMapper.Map("main", Stream, export.Rows[0], CsvLedgerMapper.ExternalIds(export.Rows)[0]);
    }

    [Theory]
    [InlineData("""{"id":270000739,"datetime":"2023-03-02 09:08:36","type":"2","fee":"11.92508","sol":"153.99111570","usd":"-2981.27","sol_usd":"19.36","order_id":1600000007725901}""",
        "270000739,Main Account,Market,Buy,2023-03-02T09:08:36Z,153.99111570,SOL,2981.27,USD,19.36,USD,11.92508,USD,1600000007725901")]
    [InlineData("""{"id":270001124,"datetime":"2023-03-03 00:16:47","type":"2","fee":"0.07899","btc":"-0.00200000","usd":"52.66","btc_usd":"26330","order_id":1600000009537081}""",
        "270001124,grid-bot,Market,Sell,2023-03-03T00:16:47Z,0.00200000,BTC,52.66,USD,26330,USD,0.07899,USD,1600000009537081")]
    [InlineData("""{"id":270000050,"datetime":"2023-03-01 05:33:05","type":"0","fee":"0.00","usd":"7400.00"}""",
        "270000050,Main Account,Deposit,,2023-03-01T05:33:05Z,7400.00,USD,,,,,,,")]
    [InlineData("""{"id":270001913,"datetime":"2023-03-03 19:34:19","type":"1","fee":"2.00","gbp":"-1177.67","usd":"0.0"}""",
        "270001913,Main Account,Withdrawal,,2023-03-03T19:34:19Z,1177.67,GBP,,,,,2.00,GBP,")]
    [InlineData("""{"id":270000241,"datetime":"2023-03-01 06:57:55","type":"14","fee":"0.00","usd":"-2224.29"}""",
        "270000241,Main Account,Sub Account Transfer,,2023-03-01T06:57:55Z,-2224.29,USD,,,,,,,")]
    [InlineData("""{"id":270016577,"datetime":"2023-03-23 07:16:08","type":"32","fee":"0.00000000","btc":"0.00023846"}""",
        "270016577,Main Account,Referral reward,,2023-03-23T07:16:08Z,0.00023846,BTC,,,,,,,")]
    [InlineData("""{"id":270030608,"datetime":"2023-04-08 12:28:03","type":"26","fee":"0.00000000","sol":"-63.51310425"}""",
        "270030608,Main Account,Sent to staking,,2023-04-08T12:28:03Z,63.51310425,SOL,,,,,,,")]
    [InlineData("""{"id":270034518,"datetime":"2023-04-12 05:41:12","type":"27","fee":"0.00000000","sol":"0.06786331"}""",
        "270034518,Main Account,Staking reward,,2023-04-12T05:41:12Z,0.06786331,SOL,,,,,,,")]
    [InlineData("""{"id":270081662,"datetime":"2023-06-10 01:47:54.761009","type":"25","fee":"0.00000000","eth":"3.57133757"}""",
        "270081662,Main Account,Credited with staked assets,,2023-06-10T01:47:54.761009Z,3.57133757,ETH,,,,,,,")]
    [InlineData("""{"id":270000951,"datetime":"2023-03-02 13:36:44","type":"35","fee":"0.00","eur":"-100.00"}""",
        "270000951,Main Account,Inter Account Transfer,,2023-03-02T13:36:44Z,-100.00,EUR,,,,,,,")]
    public void An_rfc4180_row_maps_to_exactly_the_entry_of_the_same_api_record(string json, string row)
    {
        var api = LedgerMapper.Map("main", UserTransactionParser.Parse(json).Value!).Entry;

        var csv = MapRfc(row);

        csv.Id.Should().Be(api.Id);
        csv.At.Should().Be(api.At);
        csv.Kind.Should().Be(api.Kind);
        csv.Legs.Should().BeEquivalentTo(api.Legs);
        csv.Fee.Should().Be(api.Fee);
        csv.OrderId.Should().Be(api.OrderId);
        csv.Quote.Should().Be(api.Quote);
        csv.SourceKey.Should().Be("main/csv:export.csv/" + api.ExternalId);
    }

    [Fact]
    public void A_trades_quote_is_its_value_currency_and_other_rows_have_none()
    {
        var buy = MapRfc("270000740,Main Account,Market,Buy,2023-03-02T09:08:36Z,1.00000000,ETH,2500.00,NEWUSD,2500,NEWUSD,,,1600000007725902");
        var sell = MapRfc("270000741,Main Account,Market,Sell,2023-03-02T09:08:36Z,0.05000000,BTC,1.00000000,ETH,20,ETH,0.001,ETH,1600000007725903");
        var deposit = MapRfc("270000050,Main Account,Deposit,,2023-03-01T05:33:05Z,7400.00,USD,,,,,,,");

        buy.Legs.Should().Equal(new Leg(Asset.Parse("ETH"), 1m), new Leg(Asset.Parse("NEWUSD"), -2500m));
        buy.Quote.Should().Be(Asset.Parse("NEWUSD"));
        sell.Quote.Should().Be(Asset.Parse("ETH"));
        deposit.Quote.Should().BeNull();
    }

    [Fact]
    public void An_old_export_trade_is_signed_by_its_sub_type_and_charged_in_the_fee_cells_currency()
    {
        var export = BitstampCsvReader.Read("old.csv", OldHeader + "\n" +
            "Market,\"Jan. 28, 2022, 12:31 AM\",Main Account,1.00000000 ETH,2214.01 EUR,2214.01 EUR,10.87005 EUR,Sell\n");

        var entry = CsvLedgerMapper.Map("main", "csv:old.csv", export.Rows[0], CsvLedgerMapper.ExternalIds(export.Rows)[0]).Entry;

        entry.Kind.Should().Be(EntryKind.Trade);
        entry.Legs.Should().Equal(new Leg(Asset.Parse("ETH"), -1m), new Leg(Asset.Eur, 2214.01m));
        entry.Fee.Should().Be(new Money(10.87005m, Asset.Eur));
        entry.Quote.Should().Be(Asset.Eur);
        entry.ExternalId.Should().BeNegative();
    }

    [Theory]
    [InlineData("1,Main,Airdrop,,2024-01-01T00:00:00Z,5,FLR,,,,,,,", "type 'Airdrop'")]
    [InlineData("1,Main,Market,Swap,2024-01-01T00:00:00Z,1,BTC,100,USD,,,,,", "neither Buy nor Sell")]
    [InlineData("1,Main,Market,Buy,2024-01-01T00:00:00Z,1,BTC,,,,,,,", "without a Value")]
    [InlineData("1,Main,Deposit,,2024-01-01T00:00:00Z,1,BTC,,,,,-0.1,BTC,", "negative fee")]
    public void A_row_that_is_no_known_event_is_kept_as_unknown_with_a_warning(string row, string why)
    {
        var mapping = MapRfcWithWarning(row);

        mapping.Entry.Kind.Should().Be(EntryKind.Unknown);
        mapping.Entry.Legs.Should().BeEmpty();
        mapping.Warning!.Code.Should().Be(WarningCode.UnknownRecord);
        mapping.Warning.Message.Should().Contain("line 2").And.Contain(why);
    }

    [Fact]
    public void Rows_without_id_get_stable_negative_ids_that_order_one_minute_as_the_file_does_also_newest_first()
    {
        var oldestFirst = BitstampCsvReader.Read("a.csv", OldHeader + "\n" +
            "Deposit,\"Jan. 28, 2022, 12:31 AM\",Main,1 BTC,,,,\n" +
            "Deposit,\"Jan. 28, 2022, 12:31 AM\",Main,2 BTC,,,,\n" +
            "Deposit,\"Jan. 29, 2022, 12:31 AM\",Main,3 BTC,,,,\n");
        var newestFirst = BitstampCsvReader.Read("b.csv", OldHeader + "\n" +
            "Deposit,\"Jan. 29, 2022, 12:31 AM\",Main,3 BTC,,,,\n" +
            "Deposit,\"Jan. 28, 2022, 12:31 AM\",Main,2 BTC,,,,\n" +
            "Deposit,\"Jan. 28, 2022, 12:31 AM\",Main,1 BTC,,,,\n");

        var a = CsvLedgerMapper.ExternalIds(oldestFirst.Rows);
        var b = CsvLedgerMapper.ExternalIds(newestFirst.Rows);

        a.Should().OnlyContain(id => id < 0).And.BeInAscendingOrder();
        b.Should().Equal(a.Reverse());
        CsvLedgerMapper.ExternalIds(oldestFirst.Rows).Should().Equal(a);
    }

    [Fact]
    public void The_stream_is_csv_and_the_file_name_cut_to_the_stores_limit()
    {
        CsvLedgerMapper.StreamOf("/home/me/Downloads/bitstamp 2024.csv").Should().Be("csv:bitstamp 2024.csv");
        CsvLedgerMapper.StreamOf(new string('x', 100) + ".csv").Should().HaveLength(64);
    }

    [Fact]
    public void A_row_time_is_utc_whatever_the_process_zone()
    {
        MapRfc("5,Main,Deposit,,2024-03-31 01:30:00,1,BTC,,,,,,,").At.Should().Be(Instant.FromUtc(2024, 3, 31, 1, 30));
    }
}

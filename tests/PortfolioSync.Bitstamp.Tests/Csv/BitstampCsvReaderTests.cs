using NodaTime;
using PortfolioSync.Bitstamp.Csv;
using PortfolioSync.Domain;

namespace PortfolioSync.Bitstamp.Tests.Csv;

public sealed class BitstampCsvReaderTests
{
    private const string RfcHeader = "ID,Account,Type,Subtype,Datetime,Amount,Amount currency,Value,Value currency,Rate,Rate currency,Fee,Fee currency,Order ID";
    private const string OldHeader = "Type,Datetime,Account,Amount,Value,Rate,Fee,Sub Type";

    [Fact]
    public void The_rfc4180_export_is_detected_and_read_cell_by_cell()
    {
        var text = RfcHeader + "\r\n" +
                   "270000739,Main Account,Market,Buy,2023-03-02T09:08:36.250000Z,153.99111570,SOL,2981.27,USD,19.36,USD,11.92508,USD,1600000007725901\r\n" +
                   "270000241,Main Account,Sub Account Transfer,,2023-03-01T06:57:55Z,-2224.29,USD,,,,,,,\r\n";

        var export = BitstampCsvReader.Read("export.csv", text);

        export.Format.Should().Be(CsvExportFormat.Rfc4180);
        export.Rows.Should().HaveCount(2);
        var trade = export.Rows[0];
        trade.Line.Should().Be(2);
        trade.Id.Should().Be(270000739);
        trade.At.Should().Be(Instant.FromUtc(2023, 3, 2, 9, 8, 36).PlusTicks(2_500_000));
        trade.Amount.Asset.Should().Be(Asset.Parse("SOL"));
        trade.Amount.Amount.Should().Be(153.99111570m);
        trade.Value!.Value.Amount.Should().Be(2981.27m);
        trade.Fee!.Value.Amount.Should().Be(11.92508m);
        trade.OrderId.Should().Be(1600000007725901);
        export.Rows[1].Amount.Amount.Should().Be(-2224.29m);
        export.Rows[1].Fee.Should().BeNull();
        trade.Raw.Should().Contain("\"Amount\":\"153.99111570\"");
    }

    [Fact]
    public void The_old_export_is_read_with_a_bom_quoted_dates_and_amount_currency_cells()
    {
        var text = "\uFEFF" + OldHeader + "\n" +
                   "Market,\"Jan. 28, 2022, 12:31 AM\",Main Account,1.00000000 ETH,2214.01 EUR,2214.01 EUR,10.87005 EUR,Sell\n" +
                   "Deposit,\"May 3, 2022, 01:05 PM\",Main Account,0.50000000 BTC,,,,\n";

        var export = BitstampCsvReader.Read("old.csv", text);

        export.Format.Should().Be(CsvExportFormat.Legacy);
        export.Rows[0].At.Should().Be(Instant.FromUtc(2022, 1, 28, 0, 31));
        export.Rows[0].Amount.Should().Be(new Records.CurrencyAmount(Asset.Parse("ETH"), 1m));
        export.Rows[0].Fee!.Value.Amount.Should().Be(10.87005m);
        export.Rows[0].SubType.Should().Be("Sell");
        export.Rows[1].At.Should().Be(Instant.FromUtc(2022, 5, 3, 13, 5));
        export.Rows[1].Value.Should().BeNull();
        export.Rows[1].Id.Should().BeNull();
    }

    [Fact]
    public void An_unknown_header_is_refused_naming_the_columns_expected()
    {
        var act = () => BitstampCsvReader.Read("bank.csv", "Date,Description,Amount\n2024-01-01,x,1\n");

        act.Should().Throw<CsvImportException>()
            .Where(e => e.Line == 1 && e.Message.Contains("bank.csv") && e.Message.Contains(RfcHeader) && e.Message.Contains(OldHeader));
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        var act = () => BitstampCsvReader.Read("empty.csv", "");

        act.Should().Throw<CsvImportException>().Where(e => e.Line == 1);
    }

    [Theory]
    [InlineData("1,Main,Deposit,,2024-13-01T00:00:00Z,1,BTC,,,,,,,", "Datetime", "not a date")]
    [InlineData("1,Main,Deposit,,yesterday,1,BTC,,,,,,,", "Datetime", "not a date")]
    [InlineData("1,Main,Deposit,,2024-01-01T00:00:00Z,1.2.3,BTC,,,,,,,", "Amount", "not an amount")]
    [InlineData("1,Main,Deposit,,2024-01-01T00:00:00Z,,BTC,,,,,,,", "Amount", "is empty")]
    [InlineData("1,Main,Deposit,,2024-01-01T00:00:00Z,1e5,BTC,,,,,,,", "Amount", "not an amount")]
    [InlineData("1,Main,Deposit,,2024-01-01T00:00:00Z,1,B-T-C,,,,,,,", "Amount currency", "not a currency")]
    [InlineData("1,Main,Deposit,,2024-01-01T00:00:00Z,1,,,,,,,,", "Amount currency", "is empty")]
    [InlineData("1,Main,Market,Buy,2024-01-01T00:00:00Z,1,BTC,abc,USD,,,,,", "Value", "not an amount")]
    [InlineData("1,Main,Market,Buy,2024-01-01T00:00:00Z,1,BTC,100,US$,,,,,", "Value currency", "not a currency")]
    [InlineData("1,Main,Market,Buy,2024-01-01T00:00:00Z,1,BTC,100,USD,x,USD,,,", "Rate", "not an amount")]
    [InlineData("1,Main,Market,Buy,2024-01-01T00:00:00Z,1,BTC,100,USD,100,USD,0,5,USD,", "Fee", "not an amount")]
    [InlineData("1,Main,Market,Buy,2024-01-01T00:00:00Z,1,BTC,100,USD,100,USD,0.5,€,", "Fee currency", "not a currency")]
    [InlineData("x1,Main,Deposit,,2024-01-01T00:00:00Z,1,BTC,,,,,,,", "ID", "not a whole number")]
    [InlineData("1,Main,Market,Buy,2024-01-01T00:00:00Z,1,BTC,100,USD,,,,,12ab", "Order ID", "not a whole number")]
    public void A_bad_cell_of_the_rfc4180_export_stops_the_read_naming_file_line_and_column(string row, string column, string problem)
    {
        var text = RfcHeader + "\n270000001,Main,Deposit,,2024-01-01T00:00:00Z,1,BTC,,,,,,,\n" + row + "\n";

        var act = () => BitstampCsvReader.Read("export.csv", text);

        var e = act.Should().Throw<CsvImportException>().Which;
        if (column == "Fee" && row.Contains("0,5", StringComparison.Ordinal))
        {
            // a comma inside an unquoted number makes the row one cell too wide
            e.Line.Should().Be(3);
            e.Message.Should().Contain("15 cells");
            return;
        }
        e.File.Should().Be("export.csv");
        e.Line.Should().Be(3);
        e.Column.Should().Be(column);
        e.Message.Should().StartWith($"export.csv: line 3, column '{column}': ").And.Contain(problem);
    }

    [Theory]
    [InlineData("Market,\"Jan. 32, 2022, 12:31 AM\",Main,1 ETH,2214.01 EUR,,,Sell", "Datetime")]
    [InlineData("Market,\"2022-01-28 00:31\",Main,1 ETH,2214.01 EUR,,,Sell", "Datetime")]
    [InlineData("Market,\"Foo. 28, 2022, 12:31 AM\",Main,1 ETH,2214.01 EUR,,,Sell", "Datetime")]
    [InlineData("Market,\"Jan. 28, 2022, 13:31 PM\",Main,1 ETH,2214.01 EUR,,,Sell", "Datetime")]
    [InlineData("Market,\"Jan. 28, 2022, 12:31 AM\",Main,1 ETH 2,2214.01 EUR,,,Sell", "Amount")]
    [InlineData("Market,\"Jan. 28, 2022, 12:31 AM\",Main,ETH,2214.01 EUR,,,Sell", "Amount")]
    [InlineData("Market,\"Jan. 28, 2022, 12:31 AM\",Main,1.0.0 ETH,2214.01 EUR,,,Sell", "Amount")]
    [InlineData("Market,\"Jan. 28, 2022, 12:31 AM\",Main,1 E_TH,2214.01 EUR,,,Sell", "Amount")]
    [InlineData("Market,\"Jan. 28, 2022, 12:31 AM\",Main,,2214.01 EUR,,,Sell", "Amount")]
    [InlineData("Market,\"Jan. 28, 2022, 12:31 AM\",Main,1 ETH,2214.01EUR,,,Sell", "Value")]
    [InlineData("Market,\"Jan. 28, 2022, 12:31 AM\",Main,1 ETH,2214.01 EUR,x EUR,,Sell", "Rate")]
    [InlineData("Market,\"Jan. 28, 2022, 12:31 AM\",Main,1 ETH,2214.01 EUR,,10.87 €,Sell", "Fee")]
    public void A_bad_cell_of_the_old_export_stops_the_read_naming_file_line_and_column(string row, string column)
    {
        var text = OldHeader + "\n" + row + "\n";

        var act = () => BitstampCsvReader.Read("old.csv", text);

        act.Should().Throw<CsvImportException>()
            .Where(e => e.Line == 2 && e.Column == column && e.Message.StartsWith($"old.csv: line 2, column '{column}': ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_row_of_the_wrong_width_or_with_an_unclosed_quote_is_refused_naming_its_line()
    {
        var narrow = () => BitstampCsvReader.Read("old.csv", OldHeader + "\nDeposit,\"Jan. 28, 2022, 12:31 AM\",Main\n");
        var unclosed = () => BitstampCsvReader.Read("old.csv", OldHeader + "\nDeposit,\"Jan. 28, 2022, 12:31 AM,Main,1 BTC,,,,\n");

        narrow.Should().Throw<CsvImportException>().Where(e => e.Line == 2 && e.Message.Contains("3 cells"));
        unclosed.Should().Throw<CsvImportException>().Where(e => e.Line == 2 && e.Message.Contains("not closed"));
    }
}

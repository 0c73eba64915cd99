using System.Text;
using NodaTime;
using PortfolioSync.Domain;
using PortfolioSync.Reports.Input;

namespace PortfolioSync.Reports.Tests.Building;

public sealed class ManualCostsFileTests
{
    private static IReadOnlyList<Domain.CostBasis.ManualCost> Parse(string text) =>
        ManualCostsFile.Parse(Encoding.UTF8.GetBytes(text), "manual-costs.csv");

    private static ManualCostsException Bad(string text) =>
        FluentActions.Invoking(() => Parse(text)).Should().Throw<ManualCostsException>().Which;

    [Fact]
    public void Rows_by_record_and_by_asset_and_date_are_read_exactly()
    {
        var costs = Parse("""
            account,external_id,asset,date,cost
            main,270000007,,,30000.123456789012345678
             dca-bot , , eth , 2024-05-02 , 0

            ,,BTC,2024-02-29,12.5
            ,,,,
            """);

        costs.Should().HaveCount(3);
        costs[0].Account.Should().Be("main");
        costs[0].ExternalId.Should().Be(270000007);
        costs[0].Cost.Should().Be(30000.123456789012345678m);
        costs[1].Asset.Should().Be(Asset.Parse("ETH"));
        costs[1].Date.Should().Be(new LocalDate(2024, 5, 2));
        costs[1].Account.Should().Be("dca-bot");
        costs[1].Cost.Should().Be(0m);
        costs[2].Account.Should().BeNull();
        costs[2].Date.Should().Be(new LocalDate(2024, 2, 29));
    }

    [Fact]
    public void Columns_may_come_in_any_order_with_a_byte_order_mark()
    {
        var costs = Parse("\uFEFFcost,date,asset,external_id,account\n100,,,42,main\n");

        costs.Should().ContainSingle().Which.ToString().Should().Be("main #42");
    }

    [Fact]
    public void A_header_only_file_gives_no_costs()
    {
        Parse("account,external_id,asset,date,cost\n").Should().BeEmpty();
    }

    [Theory]
    [InlineData("", 1, null, "is empty: the first line must be the header account,external_id,asset,date,cost")]
    [InlineData("account,external_id,asset,date\n", 1, "cost", "is missing from the header")]
    [InlineData("account,external_id,asset,date,cost,note\n", 1, "note", "is not a known column")]
    [InlineData("account,external_id,asset,date,cost,cost\n", 1, "cost", "appears twice in the header")]
    [InlineData("account,external_id,asset,date,cost\n,,BTC,2024-13-01,5\n", 2, "date", "'2024-13-01' is not a date in the form yyyy-MM-dd")]
    [InlineData("account,external_id,asset,date,cost\n,,BTC,2024-01-01,\"1,000.00\"\n", 2, "cost", "'1,000.00' is not a plain decimal number: unexpected ','")]
    [InlineData("account,external_id,asset,date,cost\n,,BTC,2024-01-01, 12 50\n", 2, "cost", "'12 50' is not a plain decimal number")]
    [InlineData("account,external_id,asset,date,cost\n,,B-T-C,2024-01-01,5\n", 2, "asset", "'B-T-C' is not an asset code")]
    [InlineData("account,external_id,asset,date,cost\nmain,42,BTC,,5\n", 2, "asset", "must be empty when external_id is given")]
    [InlineData("account,external_id,asset,date,cost\nmain,-42,,,5\n", 2, "external_id", "'-42' is not an exchange record id")]
    [InlineData("account,external_id,asset,date,cost\nmain,42,,,\n", 2, "cost", "is empty")]
    [InlineData("account,external_id,asset,date,cost\n,,BTC,2024-01-01,5\n,,btc,2024-01-01,6\n", 3, null, "gives a second cost for BTC on 2024-01-01 (first on line 2)")]
    [InlineData("account,external_id,asset,date,cost\n,,BTC,2024-01-01,5,7\n", 2, null, "has 6 fields, the header has 5")]
    [InlineData("account,external_id,asset,date,cost\n\"main,42,,,5\n", 2, null, "is not valid CSV")]
    public void A_bad_file_names_line_and_column(string text, long line, string? column, string problem)
    {
        var e = Bad(text);

        e.Line.Should().Be(line);
        e.Column.Should().Be(column);
        e.Message.Should().StartWith($"manual-costs.csv:{line}: {(column is null ? "" : $"column '{column}': ")}");
        e.Message.Should().Contain(problem);
    }

    [Fact]
    public void The_line_counts_empty_lines_and_lines_inside_quotes()
    {
        var e = Bad("account,external_id,asset,date,cost\n\n\"ma\nin\",42,,,5\n,,BTC,2024-01-01,x\n");

        e.Line.Should().Be(5);
        e.Column.Should().Be("cost");
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "manual-costs.csv");

        var e = FluentActions.Invoking(() => ManualCostsFile.Read(path)).Should().Throw<ManualCostsException>().Which;

        e.Message.Should().Be($"{path}:0: no such file (config key \"manualCosts\"): create it, or remove the key");
    }
}

using System.Globalization;

namespace PortfolioSync.Cli.Tests.Reporting;

/// <summary>
/// The engine options a user reaches through the config (<c>cryptoFeesAreDisposals</c>, <c>withdrawalsAreDisposals</c>,
/// <c>transferWindowMinutes</c>): each changes what <c>report</c> writes, shown in the CSV.
/// </summary>
public sealed class EngineRuleConfigTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private async Task<CliResult> ReportAsync(string extraConfig)
    {
        var config = ReportFixture.Config(_cli, extraConfig);
        var result = await _cli.RunAsync("report", "--config", config, "--year", "2024", "--format", "csv");
        result.ExitCode.Should().Be(0, result.All);
        return result;
    }

    [Theory]
    [InlineData("", "0.501")]
    [InlineData("\"cryptoFeesAreDisposals\": true,", "0.501")]
    [InlineData("\"cryptoFeesAreDisposals\": false,", "0.5")]
    public async Task A_fee_paid_in_bitcoin_is_a_disposal_of_bitcoin_unless_the_config_says_otherwise(string extra, string btcDisposed)
    {
        // Given 1 BTC bought with pounds, then 10 ETH bought for 0.5 BTC with a fee of 0.001 BTC
        new TestStore()
            .Deposit("main", "2024-05-01 09:00:00", "gbp", "20000.00")
            .Buy("main", "2024-05-01 10:00:00", "btc", "1.00000000", "gbp", "20000.00", "0.00")
            .Buy("main", "2024-06-01 10:00:00", "eth", "10.00000000", "btc", "0.50000000", "0.00100000")
            .Close("btc/gbp", "2024-06-01", "40000").Close("btc/gbp", "2025-04-05", "40000")
            .WriteTo(_cli.PathIn(ReportFixture.StoreRelative));

        // When the report is written
        await ReportAsync(extra);

        // Then the BTC disposed of is the 0.5 traded, plus the fee's 0.001 when fees are disposals
        var rows = Rows("disposals.csv").Where(r => r["asset"] == "BTC").ToList();
        rows.Sum(r => decimal.Parse(r["quantity"], CultureInfo.InvariantCulture)).Should().Be(decimal.Parse(btcDisposed, CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("\"withdrawalsAreDisposals\": true,", true)]
    public async Task A_withdrawal_to_outside_is_a_disposal_at_market_value_when_the_config_says_so(string extra, bool disposal)
    {
        // Given 1 BTC bought for 20000 GBP, 0.4 BTC withdrawn when BTC is at 30000 GBP
        new TestStore()
            .Deposit("main", "2024-05-01 09:00:00", "gbp", "20000.00")
            .Buy("main", "2024-05-01 10:00:00", "btc", "1.00000000", "gbp", "20000.00", "0.00")
            .Withdrawal("main", "2024-06-01 10:00:00", "btc", "0.40000000")
            .Close("btc/gbp", "2024-06-01", "30000").Close("btc/gbp", "2025-04-05", "30000")
            .WriteTo(_cli.PathIn(ReportFixture.StoreRelative));

        await ReportAsync(extra);

        var disposals = Rows("disposals.csv");
        var external = Rows("holdings.csv").Where(r => r["pool"] == "external").ToList();
        if (disposal)
        {
            // Then one disposal of 0.4 BTC: proceeds 0.4 × 30000, cost 0.4 × 20000, and nothing held outside
            disposals.Should().ContainSingle();
            (disposals[0]["quantity"], disposals[0]["proceeds"], disposals[0]["cost"], disposals[0]["gain"])
                .Should().Be(("0.4", "12000.00", "8000.00", "4000.00"));
            external.Should().BeEmpty();
        }
        else
        {
            // Then no disposal: the 0.4 BTC are held outside with their cost
            disposals.Should().BeEmpty();
            external.Should().ContainSingle().Which["quantity"].Should().Be("0.4");
            external[0]["cost"].Should().Be("8000.00");
        }
    }

    [Theory]
    [InlineData("", "0.00")]
    [InlineData("\"transferWindowMinutes\": 10,", "0.00")]
    [InlineData("\"transferWindowMinutes\": 30,", "10000.00")]
    public async Task Two_sides_of_a_transfer_twenty_minutes_apart_are_paired_only_within_the_configured_window(string extra, string cost)
    {
        // Given wallet-by-wallet pools: main buys 1 BTC for 20000 GBP and sends 0.5 BTC to bot, which books it 20 minutes later
        new TestStore()
            .Deposit("main", "2024-05-01 09:00:00", "gbp", "20000.00")
            .Buy("main", "2024-05-01 10:00:00", "btc", "1.00000000", "gbp", "20000.00", "0.00")
            .Transfer("main", "2024-06-01 10:00:00", "btc", "-0.50000000")
            .Transfer("bot", "2024-06-01 10:20:00", "btc", "0.50000000")
            .Sell("bot", "2024-07-01 10:00:00", "btc", "0.50000000", "gbp", "15000.00", "0.00")
            .Close("btc/gbp", "2024-06-01", "25000").Close("btc/gbp", "2025-04-05", "30000")
            .WriteTo(_cli.PathIn(ReportFixture.StoreRelative));

        // Per-account pools are refused under jurisdiction uk (HMRC pools per person): a generic jurisdiction with UK years and GBP.
        var run = await _cli.RunAsync(["report", "--config", ReportFixture.Config(_cli,
            "\"baseCurrency\": \"GBP\", \"taxYear\": \"uk\", \"timeZone\": \"Europe/London\", \"method\": \"uk\", \"poolScope\": \"per-account\", " + extra,
            jurisdiction: "generic"), "--year", "2024", "--format", "csv"]);
        run.ExitCode.Should().Be(0, run.All);

        // Then bot's sale carries main's cost when the sides are paired, and a zero cost (an unknown deposit) when not
        var sale = Rows("disposals.csv").Should().ContainSingle().Subject;
        (sale["account"], sale["cost"]).Should().Be(("bot", cost));
        var unpaired = Rows("warnings.csv").Any(w => w["message"].Contains("has no other side", StringComparison.Ordinal));
        unpaired.Should().Be(cost == "0.00");
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("\"stakingConversionsAreDisposals\": false,", false)]
    [InlineData("\"stakingConversionsAreDisposals\": true,", true)]
    public async Task Staking_that_credits_another_asset_keeps_the_lots_unless_the_config_makes_it_an_exchange(string extra, bool exchange)
    {
        // Given 2 ETH bought for 2000 GBP, staked (type 26) and credited back as 2 ETH2 (type 25) when ETH is at 1500 GBP,
        // then 1 ETH2 sold for 3000 GBP
        new TestStore()
            .Deposit("main", "2024-05-01 09:00:00", "gbp", "2000.00")
            .Buy("main", "2024-05-01 10:00:00", "eth", "2.00000000", "gbp", "2000.00", "0.00")
            .SentToStaking("main", "2024-06-01 10:00:00", "eth", "2.00000000")
            .CreditedWithStaked("main", "2024-06-01 10:00:05", "eth2", "2.00000000")
            .Sell("main", "2024-07-01 10:00:00", "eth2", "1.00000000", "gbp", "3000.00", "0.00")
            .Close("eth/gbp", "2024-06-01", "1500").Close("eth2/gbp", "2024-06-01", "1500")
            .Close("eth/gbp", "2025-04-05", "3000").Close("eth2/gbp", "2025-04-05", "3000")
            .WriteTo(_cli.PathIn(ReportFixture.StoreRelative));

        await ReportAsync(extra);

        var disposals = Rows("disposals.csv");
        if (exchange)
        {
            // Then the conversion disposes of the 2 ETH at 1500 each (cost 2000: gain 1000) and the ETH2 cost 1500 each
            var eth = disposals.Should().ContainSingle(r => r["asset"] == "ETH").Subject;
            (eth["quantity"], eth["proceeds"], eth["cost"], eth["gain"]).Should().Be(("2", "3000.00", "2000.00", "1000.00"));
            disposals.Should().ContainSingle(r => r["asset"] == "ETH2").Which["cost"].Should().Be("1500.00");
        }
        else
        {
            // Then the conversion is no disposal: ETH2 is read as the ETH it stands for, so the one row is the sale, of
            // ETH's lot (cost 1000 for one of two, acquired 2024-05-01)
            var sale = disposals.Should().ContainSingle().Subject;
            (sale["asset"], sale["quantity"], sale["cost"], sale["gain"]).Should().Be(("ETH", "1", "1000.00", "2000.00"));
        }
    }

    [Fact]
    public async Task Bad_engine_rule_values_are_config_errors_reported_together()
    {
        var config = ReportFixture.Config(_cli, "\"cryptoFeesAreDisposals\": \"yes\", \"withdrawalsAreDisposals\": 1, \"transferWindowMinutes\": 5000, \"method\": \"fr-whatever\",");

        var result = await _cli.RunAsync("report", "--config", config, "--year", "2024");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("has 4 problems")
            .And.Contain("cryptoFeesAreDisposals: 'yes' is not true or false")
            .And.Contain("withdrawalsAreDisposals: '1' is not true or false")
            .And.Contain("transferWindowMinutes: '5000' is not a whole number of minutes from 0 to 1440")
            .And.Contain("method: 'fr-whatever' is not a cost basis method");
    }

    private List<Dictionary<string, string>> Rows(string file)
    {
        var lines = ReportFixture.Lines(_cli, "reports/2024-25/" + file);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => Split(l).Select((v, i) => (header[i], v)).ToDictionary(p => p.Item1, p => p.v, StringComparer.Ordinal)).ToList();
    }

    /// <summary>RFC 4180 fields (quoted fields may hold commas and doubled quotes).</summary>
    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }
}

using System.Text.RegularExpressions;
using System.Text.Json;
using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.FakeBitstamp.Generation;
using PortfolioSync.FakeBitstamp.Tests.Support;

namespace PortfolioSync.FakeBitstamp.Tests;

public sealed partial class GeneratorTests
{
    private static readonly GeneratorOptions Five = new() { Records = 20_000, Seed = 42, Accounts = 5 };

    private static readonly Lazy<ServerData> five = new(() => SampleDataGenerator.Generate(Five));

    // The sample's options in plain forms (string type, ids in time order, staking returns the asset it took), beside
    // the committed realistic sample ("sample"), whose invariants allow the real forms.
    private static readonly Lazy<ServerData> samplePlain = new(() => SampleDataGenerator.Generate(SampleDataGenerator.SampleOptions with { Realistic = false }));

    public static TheoryData<string> DataSets => new() { "sample", "sample-plain", "five-accounts", "recent" };

    /// <summary>The committed sample is generated with <c>Realistic</c> (every real row form of bitstamp-api.md §9);
    /// the other sets keep the classic shape.</summary>
    private static bool IsRealistic(string name) => name == "sample";

    private static ServerData Of(string name) => name switch
    {
        "sample" => TestData.Sample,
        "sample-plain" => samplePlain.Value,
        "five-accounts" => five.Value,
        _ => TestData.Recent,
    };

    [Fact]
    public void The_same_options_give_byte_identical_data_and_another_seed_different_data()
    {
        var options = new GeneratorOptions { Records = 1500, Seed = 3, Accounts = 3, Days = 90 };

        var a = Texts(SampleDataGenerator.Generate(options));
        var b = Texts(SampleDataGenerator.Generate(options));
        var c = Texts(SampleDataGenerator.Generate(options with { Seed = 4 }));

        b.Should().Equal(a);
        c.Should().NotEqual(a);
    }

    [Fact]
    public void Exactly_the_requested_number_of_records_is_generated_over_accounts_named_as_documented()
    {
        five.Value.RecordCount.Should().Be(20_000);
        five.Value.Accounts.Select(a => a.Name).Should().Equal("main", "dca-bot", "grid-bot", "bot-4", "bot-5");
        five.Value.Accounts.Should().OnlyContain(a => a.Transactions.Count > 1000);
        SampleDataGenerator.Generate(new GeneratorOptions { Records = 7, Accounts = 1, Days = 3 }).RecordCount.Should().Be(7);
    }

    [Theory]
    [MemberData(nameof(DataSets))]
    public void Balances_and_staked_amounts_never_go_negative(string set)
    {
        foreach (var account in Of(set).Accounts)
        {
            var balances = new Dictionary<string, decimal>();
            var staked = new Dictionary<string, decimal>();
            foreach (var t in account.Transactions)
            {
                TransactionHistory.Apply(t, balances);
                balances.Where(kv => kv.Value < 0).Should().BeEmpty($"{account.Name} after record {t.Id}");
                if (t.Type is "26" or "25")
                {
                    var a = t.Amounts.Single();
                    // Realistic: ETH staked comes back as ETH2 (bitstamp-api.md §9), the same coins in another wrapper
                    var currency = IsRealistic(set) && a.Currency == "eth2" ? "eth" : a.Currency;
                    staked[currency] = staked.GetValueOrDefault(currency) - a.Amount;
                    staked[currency].Should().BeGreaterThanOrEqualTo(0, $"{account.Name} record {t.Id} unstakes no more than was staked");
                    continue;
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(DataSets))]
    public void Every_trade_price_lies_inside_that_days_ohlc_range(string set)
    {
        var data = Of(set);
        var trades = data.Accounts.SelectMany(a => a.Transactions).Where(t => t.Type == "2").ToList();

        trades.Should().NotBeEmpty();
        foreach (var t in trades)
        {
            var candle = data.FindOhlc(t.Market!.Symbol)!.DayOf(new DateTimeOffset(t.DateTime).ToUnixTimeSeconds());
            candle.Should().NotBeNull($"record {t.Id} has a candle");
            t.Rate!.Value.Should().BeInRange(candle!.Value.Low, candle.Value.High, $"record {t.Id}");
        }
    }

    [Theory]
    [MemberData(nameof(DataSets))]
    public void Sub_account_transfers_appear_on_both_sides_with_the_same_datetime_and_opposite_amounts(string set)
    {
        var data = Of(set);
        var main = data.Accounts[0].Transactions.Where(t => t.Type == "14").ToList();
        var subs = data.Accounts.Skip(1).SelectMany(a => a.Transactions).Where(t => t.Type == "14").ToList();

        main.Should().HaveCount(subs.Count).And.NotBeEmpty();
        foreach (var side in subs)
        {
            var amount = side.Amounts.Single();
            main.Should().ContainSingle(m => m.DateTime == side.DateTime && m.Amounts.Single().Currency == amount.Currency
                && m.Amounts.Single().Amount == -amount.Amount && m.Id != side.Id, $"record {side.Id} has its other side in main");
        }
    }

    [Theory]
    [MemberData(nameof(DataSets))]
    public void Ids_are_unique_and_grow_with_time_across_all_accounts(string set)
    {
        var all = Of(set).Accounts.SelectMany(a => a.Transactions).OrderBy(t => t.Id).ToList();

        all.Select(t => t.Id).Should().OnlyHaveUniqueItems();
        if (!IsRealistic(set))
        {
            all.Select(t => t.DateTime).Should().BeInAscendingOrder();
            return;
        }
        // Realistic: some ids are older than their datetime (withdrawals are numbered when requested), as on Bitstamp
        var late = all.Where((t, i) => i > 0 && t.DateTime < all[i - 1].DateTime).ToList();
        late.Should().NotBeEmpty("the realistic sample exercises ids out of time order");
    }

    [Theory]
    [MemberData(nameof(DataSets))]
    public void Records_have_Bitstamps_json_shape(string set)
    {
        foreach (var t in Of(set).Accounts.SelectMany(a => a.Transactions))
        {
            using var doc = JsonDocument.Parse(t.JsonText);
            var r = doc.RootElement;
            r.GetProperty("id").ValueKind.Should().Be(JsonValueKind.Number);
            if (IsRealistic(set))
            {
                // Realistic: type as a JSON number or string, "None" fees, exponent numbers (bitstamp-api.md §9)
                r.GetProperty("type").ValueKind.Should().BeOneOf(JsonValueKind.String, JsonValueKind.Number);
                DateTimePattern().IsMatch(r.GetProperty("datetime").GetString()!).Should().BeTrue(t.JsonText);
                continue;
            }
            r.GetProperty("type").ValueKind.Should().Be(JsonValueKind.String);
            r.GetProperty("fee").ValueKind.Should().Be(JsonValueKind.String);
            DateTimePattern().IsMatch(r.GetProperty("datetime").GetString()!).Should().BeTrue(t.JsonText);
            foreach (var a in t.Amounts) r.GetProperty(a.Currency).ValueKind.Should().Be(JsonValueKind.String, "non-zero amounts are strings");
            if (t.Type == "2") r.GetProperty("order_id").ValueKind.Should().Be(JsonValueKind.Number);
        }
    }

    [Fact]
    public void The_data_is_realistic_in_variety()
    {
        var sample = TestData.Sample;
        var all = sample.Accounts.SelectMany(a => a.Transactions).ToList();
        var texts = string.Join("\n", all.Select(t => t.JsonText));

        all.Select(t => t.Type).Distinct().Should().Contain(["0", "1", "2", "14", "25", "26", "27", "32"]);
        all.Where(t => t.Type == "0").SelectMany(t => t.Amounts).Select(a => a.Currency).Should().Contain(["usd", "eur", "gbp", "btc", "eth"]);
        all.Where(t => t.Type == "2").Select(t => t.Market!.Symbol).Distinct().Should().Contain(["btcusd", "ethusd", "btceur", "solusd", "ethbtc", "btcgbp"]);
        all.Where(t => t.Type == "1").Should().OnlyContain(t => t.Fee > 0, "withdrawals pay a fee");
        all.Where(t => t.Type == "2").Should().OnlyContain(t => t.Fee > 0 && t.FeeCurrency == t.Market!.Quote);
        sample.Account("dca-bot").Transactions.Where(t => t.Type == "2").Should().OnlyContain(t => t.Amounts.Single(a => a.Currency == t.Market!.Base).Amount > 0, "DCA only buys");
        sample.Account("grid-bot").Transactions.Where(t => t.Type == "2").Select(t => Math.Sign(t.Amounts[0].Amount)).Distinct().Should().HaveCount(2);
        texts.Should().Contain("\":0,").And.Contain("\":0.0").And.Contain("\":\"0.0\"").And.Contain("\"btc_usd\":\"0.00\"");
        all.Select(t => JsonDocument.Parse(t.JsonText).RootElement.GetProperty("datetime").GetString()!.Length).Distinct()
            .Should().BeEquivalentTo([19, 26], "older rows have no fraction, later ones six digits");
        BtcUsd(sample).Should().OnlyContain(c => c.Low >= 20_000m && c.High <= 100_000m);
    }

    [Fact]
    public void The_sample_holds_the_hand_placed_edge_cases()
    {
        var main = TestData.Sample.Account("main").Transactions;

        main.Should().ContainSingle(t => t.Type == "99");
        main.Should().ContainSingle(t => t.JsonText.Contains("\"eth\":\"1.123456789012345678\"")).Which.AmountOf("eth").Should().Be(1.123456789012345678m);
        main.Should().ContainSingle(t => t.Amounts.Any(a => a.Currency == "flr"));
        main.Where(t => t.Type == "2").GroupBy(t => t.DateTime).Should().Contain(g => g.Count() == 2 && g.Select(t => t.OrderId).Distinct().Count() == 1);
        TestData.Sample.Account("main").CryptoTransactions!.Deposits.Should().Contain(d => d.JsonText.Contains("1.123456789012345678"));
    }

    [Fact]
    public void Prices_are_consistent_across_quote_currencies_through_the_crosses()
    {
        var data = TestData.Sample;
        var usd = data.FindOhlc("btcusd")!.Candles;
        var eur = data.FindOhlc("btceur")!.Candles;
        var eurusd = data.FindOhlc("eurusd")!.Candles;

        for (var i = 0; i < usd.Count; i += 50)
            (eur[i].Close * eurusd[i].Close).Should().BeApproximately(usd[i].Close, usd[i].Close * 0.001m);
    }

    [Fact]
    public void Bad_options_are_refused_naming_the_option()
    {
        var act = () => SampleDataGenerator.Generate(new GeneratorOptions { Accounts = 0 });

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Accounts");
    }

    private static IEnumerable<OhlcCandle> BtcUsd(ServerData data) => data.FindOhlc("btcusd")!.Candles;

    private static List<string> Texts(ServerData data) =>
        data.Accounts.SelectMany(a => a.Transactions.Select(t => a.Name + a.Key + t.JsonText))
            .Concat(data.Ohlc.SelectMany(s => s.Candles.Select(c => s.Market.Symbol + c))).ToList();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?$")]
    private static partial Regex DateTimePattern();
}

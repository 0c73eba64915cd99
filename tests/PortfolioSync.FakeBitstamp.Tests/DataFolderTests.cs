using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.FakeBitstamp.Generation;
using PortfolioSync.FakeBitstamp.Tests.Support;

namespace PortfolioSync.FakeBitstamp.Tests;

public sealed class DataFolderTests
{
    private static readonly string[] NotWrittenByTheGenerator = ["README.md", ".gitattributes"];

    [Fact]
    public void The_committed_sample_data_is_exactly_what_Sample_writes()
    {
        // Given the sample written to a fresh folder (set PORTFOLIOSYNC_UPDATE_SAMPLE=1 to rewrite the committed one)
        using var tmp = new TempDir();
        SampleDataGenerator.Sample().WriteTo(tmp.Path);
        if (Environment.GetEnvironmentVariable("PORTFOLIOSYNC_UPDATE_SAMPLE") == "1") SampleDataGenerator.Sample().WriteTo(RepoRoot.SampleData);

        // When both folders are listed
        var written = Files(tmp.Path);
        var committed = Files(RepoRoot.SampleData).Where(f => !NotWrittenByTheGenerator.Contains(f)).ToList();

        // Then they hold the same files with the same bytes
        committed.Should().Equal(written);
        foreach (var file in written)
            File.ReadAllBytes(Path.Combine(RepoRoot.SampleData, file)).Should().Equal(File.ReadAllBytes(Path.Combine(tmp.Path, file)), file);
    }

    [Fact]
    public void The_committed_sample_data_loads_and_holds_the_same_records_as_Sample()
    {
        var loaded = ServerData.Load(RepoRoot.SampleData);

        loaded.Accounts.Select(a => a.Name).Should().Equal("main", "dca-bot", "grid-bot");
        loaded.Accounts.Select(a => a.Transactions.Select(t => t.JsonText)).Should().BeEquivalentTo(
            TestData.Sample.Accounts.Select(a => a.Transactions.Select(t => t.JsonText)), o => o.WithStrictOrdering());
        loaded.Account("main").Transactions.Balances.Should().BeEquivalentTo(TestData.Sample.Account("main").Transactions.Balances);
        loaded.Accounts.Select(a => a.Transactions.First().DateTime).Should().OnlyContain(d => d >= new DateTime(2023, 3, 1));
        loaded.Accounts.Select(a => a.Transactions.Last().DateTime).Should().OnlyContain(d => d < new DateTime(2025, 3, 1));
    }

    [Fact]
    public void Writing_loading_and_writing_again_gives_the_same_bytes_and_lf_line_endings()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        TestData.Recent.WriteTo(a.Path);

        ServerData.Load(a.Path).WriteTo(b.Path);

        Files(b.Path).Should().Equal(Files(a.Path));
        foreach (var file in Files(a.Path))
        {
            var bytes = File.ReadAllBytes(a.Combine(file));
            bytes.Should().Equal(File.ReadAllBytes(b.Combine(file)), file);
            bytes.Should().NotContain((byte)'\r');
        }
    }

    [Fact]
    public void Records_are_kept_with_their_exact_original_text_whatever_their_formatting()
    {
        using var dir = new TempDir();
        WriteServerJson(dir);
        const string odd = "{ \"id\" : 5,\"datetime\":\"2024-01-01 00:00:00\", \"type\":\"0\",\"fee\":0,\"usd\":\"10.50\",\"eur\":\"0.0\" }";
        File.WriteAllText(dir.Combine("main", "user_transactions.json"), "[\n  " + odd + "\n]");

        var record = ServerData.Load(dir.Path).Account("main").Transactions.Single();

        record.JsonText.Should().Be(odd);
        record.Amounts.Should().Equal(new CurrencyAmount("usd", 10.50m));
    }

    [Fact]
    public void Every_real_form_loads_byte_for_byte_and_records_are_served_by_datetime_then_id()
    {
        using var dir = new TempDir();
        WriteServerJson(dir);
        string[] records =
        [
            """{"id":30,"datetime":"2024-01-01 10:00:00","type":2,"fee":"None","xrp":"100.0","btc":"-8.494e-03","xrp_btc":8.494e-05,"usd":0,"eur":"0.0","margin_mode":"ISOLATED","leverage_rate":"10"}""",
            """{"id":10,"datetime":"2024-01-01 12:00:00.000000","type":"1","fee":"","btc":"-0.001","btc_usd":"None"}""",
            """{"id":20,"datetime":"2024-01-01 12:00:00.000000","type":"0","fee":null,"eth":"1.5","extra":{"a":[1,2]},"flag":true}""",
        ];
        File.WriteAllText(dir.Combine("main", "user_transactions.json"), "[" + string.Join(",\n", records) + "]");

        var history = ServerData.Load(dir.Path).Account("main").Transactions;

        history.Select(t => t.Id).Should().Equal(30, 10, 20);
        history.Select(t => t.JsonText).Should().Equal(records);
        history.IdsFollowTime.Should().BeFalse();
        history[0].Rate.Should().Be(0.00008494m);
        history[0].AmountOf("btc").Should().Be(-0.008494m);
        history[1].Fee.Should().Be(0m);
    }

    public static TheoryData<string, int, string, string> BadRecords => new()
    {
        { """{"id":1,"datetime":"2024-01-01T00:00:00Z","type":"0","fee":"0","usd":"1"}""", 1, "datetime", "YYYY-MM-DD" },
        { """{"id":1,"datetime":"2024-02-30 00:00:00","type":"0","fee":"0","usd":"1"}""", 1, "datetime", "YYYY-MM-DD" },
        { """{"id":1,"datetime":"2024-01-01 00:00:00","type":"0","fee":"0","usd":"1,5"}""", 1, "usd", "not a decimal" },
        { """{"id":1,"datetime":"2024-01-01 00:00:00","type":"0","fee":"-1","usd":"1"}""", 1, "fee", "negative" },
        { """{"datetime":"2024-01-01 00:00:00","type":"0","fee":"0","usd":"1"}""", 1, "id", "missing" },
        { """{"id":1,"datetime":"2024-01-01 00:00:00","type":"0","fee":"0","usd":"1","usd":"2"}""", 1, "usd", "twice" },
        { """{"id":1,"datetime":"2024-01-01 00:00:00","type":"2","fee":"0","btc":"1","usd":"-5"}""", 1, "type", "pair-rate key" },
        { """{"id":1,"datetime":"2024-01-01 00:00:00","type":"2","fee":"0","btc":"1","usd":"5","btc_usd":5}""", 1, "usd", "opposite sign" },
        { """{"id":1,"datetime":"2024-01-01 00:00:00","type":"1","fee":"0.1","btc":"-1","usd":"-5"}""", 1, "fee", "fee" },
        { """{"id":3,"datetime":"2024-01-01 00:00:00","type":"0","fee":"0","usd":"1"}""", 1, "id", "also the id of record 0" },
    };

    [Theory]
    [MemberData(nameof(BadRecords))]
    public void A_bad_record_fails_the_load_naming_the_file_record_index_and_field(string second, int index, string field, string problem)
    {
        // Given a valid first record and a bad second one
        using var dir = new TempDir();
        WriteServerJson(dir);
        var path = dir.Combine("main", "user_transactions.json");
        File.WriteAllText(path, "[\n" + """{"id":3,"datetime":"2024-01-01 00:00:00","type":"0","fee":"0","usd":"1"}""" + ",\n" + second + "\n]\n");

        // When
        var act = () => ServerData.Load(dir.Path);

        // Then
        var error = act.Should().Throw<DataFolderException>().Which;
        error.File.Should().Be(path);
        error.RecordIndex.Should().Be(index);
        error.Field.Should().Be(field);
        error.Message.Should().StartWith($"{path}: record {index}, field '{field}': ").And.Contain(problem);
    }

    [Theory]
    [InlineData("""{"accounts":[{"name":"main","key":"k","secret":"s","permissions":["trade"]}]}""", "server.json", 0, "permissions", "unknown permission")]
    [InlineData("""{"accounts":[{"name":"Main","key":"k","secret":"s","permissions":[]}]}""", "server.json", 0, "name", "lower-case")]
    [InlineData("""{"accounts":[{"name":"main","key":"k","secret":"","permissions":[]}]}""", "server.json", 0, "secret", "missing")]
    [InlineData("""{"accounts":[{"name":"main","key":"k","secret":"s","permissions":[],"ipAllowList":["localhost"]}]}""", "server.json", 0, "ipAllowList", "not an IP")]
    [InlineData("""{"accounts":[{"name":"main","key":"k","secret":"s","permissions":[]},{"name":"b","key":"k","secret":"t","permissions":[]}]}""", "server.json", 1, "key", "same key")]
    [InlineData("""{"accounts":[{"name":"main","key":"k","secret":"s","permissions":[],"colour":"red"}]}""", "server.json", 0, "colour", "unexpected field")]
    public void A_bad_account_fails_the_load_naming_server_json_the_account_and_the_field(string json, string file, int index, string field, string problem)
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.Combine("server.json"), json);
        Directory.CreateDirectory(dir.Combine("main"));
        File.WriteAllText(dir.Combine("main", "user_transactions.json"), "[]");

        var act = () => ServerData.Load(dir.Path);

        act.Should().Throw<DataFolderException>().Where(e => e.File == dir.Combine(file) && e.RecordIndex == index && e.Field == field && e.Message.Contains(problem));
    }

    [Fact]
    public void A_folder_that_is_not_an_account_and_a_missing_records_file_fail_the_load()
    {
        using var dir = new TempDir();
        WriteServerJson(dir);
        File.WriteAllText(dir.Combine("main", "user_transactions.json"), "[]");
        Directory.CreateDirectory(dir.Combine("mian"));

        var stray = () => ServerData.Load(dir.Path);
        stray.Should().Throw<DataFolderException>().Where(e => e.File == dir.Combine("mian") && e.Message.Contains("not an account"));

        Directory.Delete(dir.Combine("mian"));
        File.Delete(dir.Combine("main", "user_transactions.json"));
        var missing = () => ServerData.Load(dir.Path);
        missing.Should().Throw<DataFolderException>().Where(e => e.File == dir.Combine("main", "user_transactions.json") && e.Message.Contains("missing"));
    }

    [Fact]
    public void A_bad_ohlc_candle_fails_the_load_naming_the_candle()
    {
        using var dir = new TempDir();
        WriteServerJson(dir);
        File.WriteAllText(dir.Combine("main", "user_transactions.json"), "[]");
        Directory.CreateDirectory(dir.Combine("ohlc"));
        var path = dir.Combine("ohlc", "btcusd.json");
        File.WriteAllText(path, """{"data":{"pair":"BTC/USD","ohlc":[{"timestamp":"1704067200","open":"10","high":"12","low":"9","close":"11","volume":"1"},{"timestamp":"1704153600","open":"10","high":"9","low":"8","close":"11","volume":"1"}]}}""");

        var act = () => ServerData.Load(dir.Path);

        act.Should().Throw<DataFolderException>().Where(e => e.File == path && e.RecordIndex == 1 && e.Message.Contains("bracket"));
    }

    [Fact]
    public void Invalid_json_fails_the_load_with_the_file_and_line()
    {
        using var dir = new TempDir();
        WriteServerJson(dir);
        var path = dir.Combine("main", "user_transactions.json");
        File.WriteAllText(path, "[\n{\"id\":1,\n");

        var act = () => ServerData.Load(dir.Path);

        act.Should().Throw<DataFolderException>().Where(e => e.File == path && e.Message.Contains("invalid JSON"));
    }

    private static void WriteServerJson(TempDir dir)
    {
        File.WriteAllText(dir.Combine("server.json"), """{"accounts":[{"name":"main","key":"k","secret":"s","permissions":["user_transactions"],"activated":true,"ipAllowList":[]}]}""");
        Directory.CreateDirectory(dir.Combine("main"));
    }

    private static List<string> Files(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
}

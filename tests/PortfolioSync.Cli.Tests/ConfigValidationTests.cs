namespace PortfolioSync.Cli.Tests;

public sealed class ConfigValidationTests
{
    private const string Canary = "Xq7-CANARY-SECRET-9f3b2c";

    [Fact]
    public async Task A_literal_secret_exits_2_naming_the_field_without_repeating_the_value()
    {
        using var cli = new CliRun();
        var config = cli.Write("config.json", ConfigFiles.OneAccount("env:K", Canary));

        var result = await cli.RunAsync("status", "--config", config);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("accounts[0].secret").And.Contain("literal").And.Contain("env:NAME");
        result.All.Should().NotContain(Canary);
    }

    [Fact]
    public async Task Every_problem_is_reported_at_once_with_path_line_and_column()
    {
        using var cli = new CliRun();
        var config = cli.Write("config.json", ConfigFiles.With(
            """
            { "name": "main", "key": "env:K", "secret": "env:S", "secrte": "x" },
            { "name": "main", "key": "env:K2", "secret": "file:" },
            { "name": "Bad Name", "key": "env:K3", "secret": "env:S3" }
            """,
            extra: """ "method": "fofi", "timeZone": "Mars/Olympus", "baseUrl": "http://example.com", """));

        var result = await cli.RunAsync("status", "--config", config);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("has 7 problems");
        result.Error.Should().Contain("accounts[0].secrte: unknown key (did you mean 'secret'?)");
        result.Error.Should().Contain("accounts[1].name: 'main' is used by two accounts");
        result.Error.Should().Contain("accounts[1].secret: file: must be followed by a path");
        result.Error.Should().Contain("accounts[2].name: 'Bad Name' is not a valid account name");
        result.Error.Should().Contain("method: 'fofi' is not a cost basis method: use fifo, lifo, hifo, average, uk or fr-portfolio");
        result.Error.Should().Contain("timeZone: 'Mars/Olympus' is not a time zone id");
        result.Error.Should().Contain("baseUrl: 'http://example.com' is plain http to another machine");
        result.Error.Should().MatchRegex(@"config\.json:\d+:\d+: accounts\[0\]\.secrte");
    }

    [Fact]
    public async Task A_syntax_error_names_the_line_and_column()
    {
        using var cli = new CliRun();
        var config = cli.Write("config.json", "{\n  \"baseCurrency\": \"GBP\",\n  \"accounts\": [ oops ]\n}\n");

        var result = await cli.RunAsync("status", "--config", config);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("config.json:3:").And.Contain("not valid JSON");
    }

    [Fact]
    public async Task A_config_saved_by_a_windows_editor_with_a_byte_order_mark_and_crlf_reads_and_its_problems_keep_their_columns()
    {
        using var cli = new CliRun();
        cli.Variables["K"] = "key1";
        cli.Variables["S"] = "secret1";
        var good = cli.PathIn("bom.json");
        File.WriteAllText(good, ConfigFiles.OneAccount("env:K", "env:S").ReplaceLineEndings("\r\n"), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        File.ReadAllBytes(good)[..3].Should().Equal(0xEF, 0xBB, 0xBF);
        var bad = cli.PathIn("bom-bad.json");
        File.WriteAllText(bad, "{ \"method\": \"fofi\",\r\n  \"accounts\": []\r\n}\r\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var read = await cli.RunAsync("status", "--config", good);
        var refused = await cli.RunAsync("status", "--config", bad);

        read.ExitCode.Should().Be(0, read.Error);
        read.Out.Should().Contain("env:S").And.Contain("yes");
        refused.ExitCode.Should().Be(2);
        refused.Error.Should().Contain("bom-bad.json:1:3: method: 'fofi' is not a cost basis method", "columns count from the first character, not the mark")
            .And.Contain("bom-bad.json:2:3: accounts: must be a non-empty list");
    }

    [Fact]
    public async Task A_missing_config_says_how_to_create_one()
    {
        using var cli = new CliRun();

        var result = await cli.RunAsync("status", "--config", "nowhere.json");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("nowhere.json").And.Contain("portfoliosync init");
    }

    [Fact]
    public async Task Accounts_are_required()
    {
        using var cli = new CliRun();
        var config = cli.Write("config.json", "{ \"baseCurrency\": \"GBP\" }");

        var result = await cli.RunAsync("status", "--config", config);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("accounts: is missing");
    }

    [Fact]
    public async Task Plain_http_is_accepted_for_the_local_server_on_loopback()
    {
        using var cli = new CliRun();
        cli.Variables["K"] = "key0001";
        cli.Variables["S"] = "secret";
        var config = cli.Write("config.json", ConfigFiles.OneAccount("env:K", "env:S", extra: "\"baseUrl\": \"http://127.0.0.1:5080\","));

        var result = await cli.RunAsync("status", "--config", config);

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().Contain("http://127.0.0.1:5080");
    }
}

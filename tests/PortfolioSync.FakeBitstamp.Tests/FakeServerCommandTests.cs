using System.Text;
using PortfolioSync.FakeBitstamp.Data;
using PortfolioSync.FakeBitstamp.Tests.Support;

namespace PortfolioSync.FakeBitstamp.Tests;

public sealed class FakeServerCommandTests
{
    [Fact]
    public async Task Serve_mode_prints_the_listening_line_first_then_the_accounts_and_stops_cleanly_when_cancelled()
    {
        // Given a data folder
        using var dir = new TempDir();
        TestData.Tiny().WriteTo(dir.Path);
        var stdout = new LockedStringWriter();
        var stderr = new StringWriter();
        using var cts = new CancellationTokenSource();

        // When the command runs until the server answers, then is cancelled
        var run = FakeServerCommand.RunAsync(new FakeServerCommandOptions { Time = TimeProvider.System, DataDir = dir.Path, Port = 0 }, stdout, stderr, cts.Token);
        var url = await WaitForListeningAsync(stdout);
        using (var http = new HttpClient())
        {
            http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", "tests/1.0");
            (await http.GetAsync(url + "/api/v2/markets/")).IsSuccessStatusCode.Should().BeTrue();
        }
        await cts.CancelAsync();
        var exit = await run.WaitAsync(TimeSpan.FromSeconds(20));

        // Then
        exit.Should().Be(0);
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().MatchRegex(@"^listening on http://127\.0\.0\.1:\d+$");
        lines[1].Should().Be("account main key tinykey");
        stdout.ToString().Should().NotContain("tinysecret");
        stderr.ToString().Should().BeEmpty();
    }

    [Fact]
    public async Task Bad_data_gives_one_line_on_stderr_naming_the_file_record_and_field_and_exit_2()
    {
        using var dir = new TempDir();
        TestData.Tiny().WriteTo(dir.Path);
        var path = dir.Combine("main", "user_transactions.json");
        File.WriteAllText(path, """[{"id":1,"datetime":"yesterday","type":"0","fee":"0","usd":"1"}]""");
        var stderr = new StringWriter();

        var exit = await FakeServerCommand.RunAsync(new FakeServerCommandOptions { Time = TimeProvider.System, DataDir = dir.Path, Port = 0 }, new StringWriter(), stderr, CancellationToken.None);

        exit.Should().Be(2);
        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle().Which.Should().Contain(path).And.Contain("record 0").And.Contain("field 'datetime'");
    }

    [Fact]
    public async Task A_port_in_use_gives_exit_2()
    {
        await using var h = await Harness.StartAsync(TestData.Tiny());
        using var dir = new TempDir();
        TestData.Tiny().WriteTo(dir.Path);
        var stderr = new StringWriter();

        var exit = await FakeServerCommand.RunAsync(new FakeServerCommandOptions { Time = TimeProvider.System, DataDir = dir.Path, Port = h.Server.Port }, new StringWriter(), stderr, CancellationToken.None);

        exit.Should().Be(2);
        stderr.ToString().Should().Contain("cannot listen");
    }

    [Fact]
    public async Task Generate_mode_writes_a_data_folder_that_serve_mode_can_load_and_prints_one_line()
    {
        using var dir = new TempDir();
        var target = dir.Combine("generated");
        var stdout = new StringWriter();

        var exit = await FakeServerCommand.RunAsync(new FakeServerCommandOptions { Time = TimeProvider.System, Generate = 2500, Seed = 8, Accounts = 4, WriteDir = target }, stdout, new StringWriter(), CancellationToken.None);

        exit.Should().Be(0);
        stdout.ToString().Should().Be($"wrote 2500 user transactions in 4 accounts (main, dca-bot, grid-bot, bot-4), 2023-03-01 .. 2025-02-28, seed 8, to {target}\n");
        var loaded = ServerData.Load(target);
        loaded.RecordCount.Should().Be(2500);
    }

    [Fact]
    public async Task Generate_mode_takes_the_first_day_and_the_number_of_days()
    {
        using var dir = new TempDir();
        var target = dir.Combine("five-years");
        var stdout = new StringWriter();

        var exit = await FakeServerCommand.RunAsync(new FakeServerCommandOptions
        {
            Time = TimeProvider.System,
            Generate = 3000, Seed = 3, Accounts = 2, Start = new DateOnly(2020, 3, 1), Days = 1826, WriteDir = target,
        }, stdout, new StringWriter(), CancellationToken.None);

        exit.Should().Be(0);
        stdout.ToString().Should().Contain("2020-03-01 .. 2025-02-28");
        var loaded = ServerData.Load(target);
        var times = loaded.Accounts.SelectMany(a => a.Transactions).Select(t => t.DateTime).ToList();
        times.Min().Year.Should().Be(2020);
        times.Max().Should().BeAfter(new DateTime(2024, 6, 1), "the records spread over the five years");
    }

    [Fact]
    public async Task Generate_mode_refuses_zero_days_with_exit_2()
    {
        using var dir = new TempDir();
        var stderr = new StringWriter();

        var exit = await FakeServerCommand.RunAsync(new FakeServerCommandOptions { Time = TimeProvider.System, Generate = 10, Days = 0, WriteDir = dir.Combine("x") },
            new StringWriter(), stderr, CancellationToken.None);

        exit.Should().Be(2);
        stderr.ToString().Should().Contain("Days must be 1 .. 20,000");
    }

    [Theory]
    [InlineData(100, 3, null, "--write")]
    [InlineData(100, 0, "x", "Accounts")]
    public async Task Generate_mode_refuses_bad_options_with_exit_2(int records, int accounts, string? write, string expected)
    {
        using var dir = new TempDir();
        var stderr = new StringWriter();

        var exit = await FakeServerCommand.RunAsync(new FakeServerCommandOptions { Time = TimeProvider.System, Generate = records, Accounts = accounts, WriteDir = write is null ? null : dir.Combine(write) },
            new StringWriter(), stderr, CancellationToken.None);

        exit.Should().Be(2);
        stderr.ToString().Should().Contain(expected);
    }

    [Fact]
    public async Task Generate_mode_refuses_a_folder_that_is_not_empty()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.Combine("keep.txt"), "x");
        var stderr = new StringWriter();

        var exit = await FakeServerCommand.RunAsync(new FakeServerCommandOptions { Time = TimeProvider.System, Generate = 10, WriteDir = dir.Path }, new StringWriter(), stderr, CancellationToken.None);

        exit.Should().Be(2);
        stderr.ToString().Should().Contain("not empty");
    }

    private static async Task<string> WaitForListeningAsync(LockedStringWriter stdout)
    {
        for (var i = 0; i < 200; i++)
        {
            var text = stdout.ToString();
            if (text.Contains("account main", StringComparison.Ordinal)) return text.Split('\n')[0]["listening on ".Length..].Trim();
            await Task.Delay(50);
        }

        throw new TimeoutException("no listening line: " + stdout);
    }
}

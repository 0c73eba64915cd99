using System.Text;
using System.Text.Json;
using PortfolioSync.Store;

namespace PortfolioSync.Cli.Tests;

public sealed class SyncCommandTests
{
    [Fact]
    public async Task Sync_pulls_every_account_and_status_verify_and_a_second_sync_agree()
    {
        await using var exchange = await LocalExchange.StartAsync();
        using var cli = new CliRun { Time = TimeProvider.System };
        var config = exchange.WriteConfig(cli);

        var first = await cli.RunAsync("sync", "--config", config);

        first.ExitCode.Should().Be(0, first.Error);
        first.Out.Should().Contain("main user_transactions page 1:").And.Contain("prices");
        var status = await cli.RunAsync("status", "--json", "--config", config);
        status.ExitCode.Should().Be(0, status.Error);
        using var json = JsonDocument.Parse(status.Out);
        foreach (var account in exchange.Server.Data.Accounts)
        {
            var streams = json.RootElement.GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("name").GetString() == account.Name).GetProperty("streams");
            streams.GetProperty("user_transactions").GetProperty("records").GetInt64().Should().Be(account.Transactions.Count);
            streams.GetProperty("user_transactions").GetProperty("cursor").GetString().Should().Be(account.Transactions[^1].Id.ToString());
        }
        json.RootElement.GetProperty("runs").GetArrayLength().Should().Be(1);

        var second = await cli.RunAsync("sync", "--config", config, "--quiet");
        second.ExitCode.Should().Be(0);
        second.Out.Should().NotContain("page 1");
        (await cli.RunAsync("verify", "--config", config)).Out.Should().StartWith("store ok: ");
        exchange.Server.ForbiddenCalls.Should().BeEmpty();
    }

    [Fact]
    public async Task Sync_with_the_dashboard_key_rewrites_the_dashboard_with_each_accounts_last_sync()
    {
        await using var exchange = await LocalExchange.StartAsync();
        using var cli = new CliRun { Time = TimeProvider.System };
        var config = exchange.WriteConfig(cli);
        File.WriteAllText(config, File.ReadAllText(config).Insert(File.ReadAllText(config).IndexOf('{', StringComparison.Ordinal) + 1, " \"dashboard\": \"site\","));
        await LocalExchange.CopySyncedStoreTo(cli);   // the nightly case: a store synced before

        var result = await cli.RunAsync("sync", "--config", config, "--quiet");

        result.ExitCode.Should().Be(0, result.Error);
        var page = File.ReadAllText(cli.PathIn("site/index.html"));
        foreach (var account in exchange.Server.Data.Accounts)
            page.Should().Contain($"<tr><th scope=\"row\">{account.Name}</th><td>");
        page.Should().Contain("<span class=\"ok\">ok</span>").And.NotContain("<span class=\"bad\">").And.NotContain("<span class=\"unk\">not synced");
    }

    [Fact]
    public async Task Sync_dashboard_writes_the_dashboard_into_reports_dashboard()
    {
        await using var exchange = await LocalExchange.StartAsync();
        using var cli = new CliRun { Time = TimeProvider.System };
        var config = exchange.WriteConfig(cli);
        await LocalExchange.CopySyncedStoreTo(cli);

        var result = await cli.RunAsync("sync", "--config", config, "--dashboard");

        result.ExitCode.Should().Be(0, result.Error);
        result.Out.Should().Contain("dashboard: " + cli.PathIn("reports/dashboard/index.html"));
    }

    [Fact]
    public async Task One_account_with_a_wrong_secret_gives_exit_3_names_the_account_and_leaks_the_secret_nowhere()
    {
        const string Canary = "CANARY-sync-wrong-secret-51ab";
        await using var exchange = await LocalExchange.StartAsync();
        using var cli = new CliRun { Time = TimeProvider.System };
        var config = exchange.WriteConfig(cli, a => a.Name == "dca-bot" ? Canary : a.Secret);

        var result = await cli.RunAsync("sync", "--config", config);

        result.ExitCode.Should().Be(3);
        result.Error.Should().Contain("account 'dca-bot'").And.Contain("Fix:");
        result.Out.Should().Contain("main: done").And.Contain("grid-bot: done");
        result.All.Should().NotContain(Canary);
        var status = await cli.RunAsync("status", "--json", "--config", config);
        status.All.Should().NotContain(Canary);
        foreach (var file in Directory.EnumerateFiles(cli.Home, "*", SearchOption.AllDirectories))
            Encoding.UTF8.GetString(File.ReadAllBytes(file)).Should().NotContain(Canary, $"{file} must not hold the secret");
    }

    [Fact]
    public async Task Every_account_refused_for_its_key_gives_exit_4()
    {
        await using var exchange = await LocalExchange.StartAsync();
        using var cli = new CliRun { Time = TimeProvider.System };
        var config = exchange.WriteConfig(cli, _ => "not-the-secret");

        var result = await cli.RunAsync("sync", "--config", config, "--quiet");

        result.ExitCode.Should().Be(4);
    }

    [Fact]
    public async Task An_unreachable_secret_stops_the_sync_before_any_request()
    {
        await using var exchange = await LocalExchange.StartAsync();
        using var cli = new CliRun { Time = TimeProvider.System };
        var config = exchange.WriteConfig(cli);
        cli.Variables.Remove("BS_GRID_BOT_SECRET");

        var result = await cli.RunAsync("sync", "--config", config);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("account 'grid-bot'").And.Contain("BS_GRID_BOT_SECRET");
        exchange.Server.Requests.Total.Should().Be(0);
    }

    [Fact]
    public async Task A_second_sync_while_one_holds_the_lock_exits_2_with_a_clear_message()
    {
        await using var exchange = await LocalExchange.StartAsync();
        using var cli = new CliRun { Time = TimeProvider.System };
        var config = exchange.WriteConfig(cli);
        var storePath = cli.PathIn("store/portfoliosync.db");
        Directory.CreateDirectory(Path.GetDirectoryName(storePath)!);
        using var held = StoreLock.TryAcquire(storePath, TimeProvider.System).Lock;

        var result = await cli.RunAsync("sync", "--config", config);

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("another sync").And.Contain(".lock");
        exchange.Server.Requests.Total.Should().Be(0);
    }

    [Fact]
    public async Task An_unknown_account_name_is_a_usage_error_listing_the_accounts()
    {
        await using var exchange = await LocalExchange.StartAsync();
        using var cli = new CliRun { Time = TimeProvider.System };
        var config = exchange.WriteConfig(cli);

        var result = await cli.RunAsync("sync", "--config", config, "--account", "dca");

        result.ExitCode.Should().Be(2);
        result.Error.Should().Contain("'dca'").And.Contain("main, dca-bot, grid-bot");
    }

    [Fact]
    public async Task Check_says_every_key_works_or_names_the_missing_permission()
    {
        var data = LocalExchange.Data;
        var grid = data.Account("grid-bot");
        var limited = data.WithAccount(grid with { Permissions = new HashSet<FakeBitstamp.Data.ApiPermission> { FakeBitstamp.Data.ApiPermission.AccountBalance } });
        await using var exchange = await LocalExchange.StartAsync(limited);
        using var cli = new CliRun { Time = TimeProvider.System };
        var config = exchange.WriteConfig(cli);

        var result = await cli.RunAsync("check", "--config", config);

        result.ExitCode.Should().Be(4);
        result.Out.Should().Contain("no permission");
        result.Error.Should().Contain("grid-bot");
        (await cli.RunAsync("check", "--config", config, "--account", "main", "--account", "dca-bot")).ExitCode.Should().Be(0);
    }
}
